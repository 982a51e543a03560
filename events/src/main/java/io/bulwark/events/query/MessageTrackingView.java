package io.bulwark.events.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the message tracking projection: a message, its current status and its history.
 *
 * @param status         RECEIVED, QUEUED, DEFERRED, DELIVERED, PARTIALLY_DELIVERED, BOUNCED, REJECTED or DELETED
 * @param subject        the decoded Subject from the scan event (MessageScannedEvent revision 3); null when the
 *                       message had none or was scanned before revision 3. Personal data (ADR 0024)
 * @param moduleStatuses each protection module's status from the scan ({@code ANTI_VIRUS → INFECTED}),
 *                       in module order; empty before the scan
 * @param rules          the names of the rules that decided about the message
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
        List<HistoryEntry> history,
        String subject,
        Map<String, String> moduleStatuses,
        List<String> rules) {

    public MessageTrackingView {
        moduleStatuses = moduleStatuses == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(moduleStatuses));
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A row without subject, module statuses and rules (the shape before issue 14). */
    public MessageTrackingView(String queueId, String messageId, String sender, List<String> recipients, long sizeBytes,
            String clientAddress, String nodeId, String status, Instant receivedAt, Instant updatedAt,
            List<HistoryEntry> history) {
        this(queueId, messageId, sender, recipients, sizeBytes, clientAddress, nodeId, status, receivedAt, updatedAt,
                history, null, Map.of(), List.of());
    }

    /** One step of the message's life, from one event. */
    public record HistoryEntry(Instant at, String event, String detail) {
    }
}
