package io.bulwark.events.queue;

import java.time.Instant;

/**
 * Search of the queue view. Every criterion is optional ({@code null} or blank = any).
 *
 * @param queue     a {@link io.bulwark.events.message.QueueName} name, exact ({@code HOLD} = held messages)
 * @param nodeId    the node holding the message, exact
 * @param messageId substring of the Message-ID header, case-insensitive
 * @param sender    substring of the envelope sender, case-insensitive
 * @param recipient substring of any pending recipient, case-insensitive
 * @param from      arrived at or after
 * @param to        arrived before
 * @param sort      one of {@link #SORT_KEYS}, optionally prefixed by {@code -} for descending;
 *                  {@code null}: {@code arrivedAt} (oldest first, the ones waiting longest)
 * @param limit     at most this many rows (0 or less: the default)
 */
public record FindQueuedMessagesQuery(String queue, String nodeId, String messageId, String sender,
        String recipient, Instant from, Instant to, String sort, int limit) {

    /** Sort keys accepted in {@link #sort()}. */
    public static final java.util.List<String> SORT_KEYS = java.util.List.of("arrivedAt", "queue", "node", "sender",
            "size", "attempts", "nextAttemptAt");

    /** Every queued message, oldest first, up to the default limit. */
    public static FindQueuedMessagesQuery everything() {
        return new FindQueuedMessagesQuery(null, null, null, null, null, null, null, null, 0);
    }
}
