package io.bulwark.events.message;

import io.bulwark.events.EventRevision;
import io.bulwark.events.PersonalData;
import java.time.Instant;

/**
 * The gateway accepted a message: its bytes are in the spool (fsynced) and the client got 250.
 * The message is now in its node's {@code INCOMING} queue (no separate {@link MessageQueuedEvent}
 * says so since ADR 0033).
 *
 * @param message    the message
 * @param heloName   what the client said in EHLO/HELO (personal data of the sender, ADR 0038)
 * @param tlsProtocol TLS protocol of the session (e.g. TLSv1.3), or {@code null} for plain text
 * @param tlsCipher  TLS cipher suite, or {@code null}
 * @param sha256     hex SHA-256 of the message bytes as received
 * @param at         when the 250 was decided
 */
@EventRevision("1")
public record MessageReceivedEvent(
        MessageRef message,
        @PersonalData(PersonalData.Kind.OF_MESSAGE) String heloName,
        String tlsProtocol,
        String tlsCipher,
        String sha256,
        Instant at) implements MessageEvent {
}
