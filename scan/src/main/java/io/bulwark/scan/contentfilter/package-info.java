/**
 * Content filtering (reference A.5): banned attachment names and types, by real type and inside
 * archives, and the message size limit, as rule options. See docs/content-filtering.md.
 */
package io.bulwark.scan.contentfilter;
