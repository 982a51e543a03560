package io.bulwark.events.cef;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The CEF export reaches its target again after a {@link CefExportFailedEvent}; the records held
 * back meanwhile are being sent now.
 *
 * @param target      the target
 * @param failedSince when the failure began
 * @param attempts    how many attempts failed before this one succeeded
 * @param nodeId      the node
 * @param at          when the export succeeded again
 */
@EventRevision("1")
public record CefExportResumedEvent(String target, Instant failedSince, long attempts, String nodeId, Instant at) {
}
