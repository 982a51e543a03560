/**
 * The archive walker: a node-wide service that walks MIME parts and nested containers under
 * limits and hands each leaf to a visitor. See docs/scanning.md, "The archive walker".
 */
package io.bulwark.scan.archive;
