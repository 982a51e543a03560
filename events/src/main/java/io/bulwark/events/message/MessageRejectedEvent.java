package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The gateway refused a message or a recipient during the SMTP dialogue.
 *
 * @param stage the SMTP command that got the refusal: MAIL, RCPT or DATA
 * @param reply the full reply sent to the client, e.g. "550 5.7.1 Relay access denied"
 */
@EventRevision("1")
public record MessageRejectedEvent(MessageRef message, String stage, String reply, Instant at)
        implements MessageEvent {
}
