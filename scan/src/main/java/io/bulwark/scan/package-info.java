/**
 * The scanning platform: checks, their symbols and outcomes, the pipeline that orders and runs
 * them, and the shared services they use. See docs/scanning.md.
 */
package io.bulwark.scan;
