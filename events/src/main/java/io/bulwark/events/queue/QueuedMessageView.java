package io.bulwark.events.queue;

import java.time.Instant;
import java.util.List;

/**
 * One message in a gateway node's queue, as the queue view shows it.
 *
 * @param queueId       the gateway's queue id
 * @param nodeId        the node whose spool holds it
 * @param queue         {@code INCOMING}, {@code ACTIVE}, {@code DEFERRED} or {@code HOLD}
 * @param messageId     the Message-ID header, or null
 * @param sender        envelope sender, empty for the null sender
 * @param recipients    recipients not yet delivered, bounced or deleted
 * @param sizeBytes     size as received
 * @param arrivedAt     when the node accepted it
 * @param updatedAt     time of the last event applied
 * @param attempts      delivery attempts so far
 * @param nextAttemptAt when the node tries again, if deferred
 * @param lastReply     the last temporary failure, if any
 */
public record QueuedMessageView(String queueId, String nodeId, String queue, String messageId, String sender,
        List<String> recipients, long sizeBytes, Instant arrivedAt, Instant updatedAt, int attempts,
        Instant nextAttemptAt, String lastReply) {

    public QueuedMessageView {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
