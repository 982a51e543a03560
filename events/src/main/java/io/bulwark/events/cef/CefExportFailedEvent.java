package io.bulwark.events.cef;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The CEF export could not hand records to its syslog target (connection refused, TLS handshake
 * failed, connection lost). Raised once when the export goes from working to failing, not for every
 * retry; the exporter keeps retrying with back-off and loses nothing (docs/cef.md). A system event
 * for the event log.
 *
 * @param target the target ({@code tcp://host:port})
 * @param reason what went wrong, e.g. "Connection refused"
 * @param nodeId the node whose exporter failed
 * @param at     when the first failure happened
 */
@EventRevision("1")
public record CefExportFailedEvent(String target, String reason, String nodeId, Instant at) {
}
