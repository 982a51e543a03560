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
 * @param module        a protection module's name ({@code ANTI_VIRUS}); with {@code moduleStatus}, the
 *                      status that module must have, alone, that the module ran
 * @param moduleStatus  a module status ({@code INFECTED}); without {@code module}, any module's
 * @param rule          substring of the name of a rule that decided, case-insensitive
 * @param clientAddress substring of the client's address
 * @param messageId     substring of the Message-ID, case-insensitive
 */
public record FindMessagesQuery(String sender, String recipient, String status, Instant from, Instant to,
        int limit, String module, String moduleStatus, String rule, String clientAddress, String messageId) {

    /** A search without the module, rule, client and Message-ID filters (the shape before issue 14). */
    public FindMessagesQuery(String sender, String recipient, String status, Instant from, Instant to, int limit) {
        this(sender, recipient, status, from, to, limit, null, null, null, null, null);
    }
}
