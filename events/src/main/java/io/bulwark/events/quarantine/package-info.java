/**
 * The Anti-Spam Quarantine (reference notes D.3): a temporary hold, on the gateway node that
 * received it, for a message whose anti-spam rating fell in its rule's uncertain band. Every move
 * of a held message is one of these events, each carrying what the reference's Quarantine CEF group
 * ({@code LMS_EV_ASP_QUARANTINE}, notes G.3) reports: the message (queue id, Message-ID, client
 * address, sender, recipients), the rules that held it, the acting account ({@code actor}: the
 * administrator, or {@link SpamQuarantineEvents#SYSTEM} for the node's own moves) and the moment.
 *
 * <p>Lifecycle: {@link SpamQuarantineHeldEvent} at intake (or {@link SpamQuarantineNotHeldEvent}
 * when the quarantine is full: the message goes on as its rule decided), then exactly one end:
 * {@link SpamQuarantineRecheckedEvent} with outcome {@code RELEASED} (re-judged with fresher data
 * and delivered or acted on per the rule), {@link SpamQuarantineReleasedEvent} (an administrator),
 * {@link SpamQuarantineDeletedEvent} (an administrator), or {@link SpamQuarantineExpiredEvent} (no
 * re-check succeeded within the maximum hold time). A re-check that could not be completed (DNS
 * failure) is a {@link SpamQuarantineRecheckedEvent} with outcome {@code RETRY} and the message
 * stays held.
 *
 * <p>Records only; no message bodies.
 */
package io.bulwark.events.quarantine;
