/**
 * Real file types by content (Apache Tika's core detector) and the categories content filtering
 * bans by. Shared by the archive walker, which stamps each leaf with its type, and the engines.
 */
package io.bulwark.scan.filetype;
