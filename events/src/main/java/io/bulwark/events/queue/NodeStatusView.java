package io.bulwark.events.queue;

import java.time.Instant;

/**
 * A gateway node as the events describe it.
 *
 * @param nodeId    the node
 * @param listening whether it has an SMTP listener
 * @param receiving whether receiving is on
 * @param sending   whether sending is on
 * @param startedAt when it last reported at start-up, or null if never seen starting
 * @param changedAt when a switch last changed, or null
 * @param changedBy who changed it last, or null
 */
public record NodeStatusView(String nodeId, boolean listening, boolean receiving, boolean sending,
        Instant startedAt, Instant changedAt, String changedBy) {
}
