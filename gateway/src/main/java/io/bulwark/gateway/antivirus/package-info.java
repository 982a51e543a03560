/**
 * Signature updates of the built-in anti-virus engine on a gateway node: fetching ClamAV-layout
 * containers from a mirror ({@link DatabaseMirror}: HTTPS or a directory), checking and installing
 * them ({@link SignatureUpdater}), and the node's schedule, on-demand requests and events
 * ({@link AntivirusUpdates}). Whether an update may start at all is one question
 * ({@link UpdatePermit}), so licensing can answer it later.
 */
package io.bulwark.gateway.antivirus;
