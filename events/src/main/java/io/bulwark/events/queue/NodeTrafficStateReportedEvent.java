package io.bulwark.events.queue;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A gateway node started and says how it runs: the switches survive restarts (they are kept on the
 * node's disk), so an administrator sees after a restart that a node still refuses mail.
 *
 * @param nodeId    the node
 * @param listening whether the node has an SMTP listener at all ({@code bulwark.smtp.enabled})
 * @param receiving whether receiving is switched on
 * @param sending   whether sending is switched on
 * @param at        when the node started
 */
@EventRevision("1")
public record NodeTrafficStateReportedEvent(String nodeId, boolean listening, boolean receiving, boolean sending,
        Instant at) {
}
