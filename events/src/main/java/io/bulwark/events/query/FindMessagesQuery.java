package io.bulwark.events.query;

import java.time.Instant;

/**
 * Message tracking search. Every criterion is optional ({@code null} = any).
 *
 * @param sender    substring of the envelope sender, case-insensitive
 * @param recipient substring of any envelope recipient, case-insensitive
 * @param status    a {@link MessageTrackingView#status()} value, exact
 * @param from      received at or after
 * @param to        received before
 * @param limit     at most this many rows, newest first
 */
public record FindMessagesQuery(String sender, String recipient, String status, Instant from, Instant to,
        int limit) {
}
