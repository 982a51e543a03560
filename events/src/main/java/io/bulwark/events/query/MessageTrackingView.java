package io.bulwark.events.query;

import java.time.Instant;
import java.util.List;

/**
 * One row of the message tracking projection: a message, its current status and its history.
 *
 * @param status RECEIVED, QUEUED, DEFERRED, DELIVERED, PARTIALLY_DELIVERED, BOUNCED, REJECTED or DELETED
 */
public record MessageTrackingView(
        String queueId,
        String messageId,
        String sender,
        List<String> recipients,
        long sizeBytes,
        String clientAddress,
        String nodeId,
        String status,
        Instant receivedAt,
        Instant updatedAt,
        List<HistoryEntry> history) {

    /** One step of the message's life, from one event. */
    public record HistoryEntry(Instant at, String event, String detail) {
    }
}
