package io.bulwark.events.backup;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;

/**
 * Someone asked to deliver a Backup copy to its original recipients. The gateway carries it out: it
 * reads the original from the store, checks its SHA-256 and puts it into its spool for
 * {@code message.recipients()} with the original envelope sender, skipping the scan (the message was
 * judged already, and an administrator decided to release it). {@code requestId} makes this
 * idempotent: a gateway that sees the event twice (at-least-once tracking) delivers once.
 *
 * @param backupId  the copy
 * @param requestId unique per request
 * @param message   the original message; its recipients are the delivery's recipients
 * @param actor     the account that asked
 * @param at        when
 */
@EventRevision("1")
public record BackupCopyDeliveryRequestedEvent(String backupId, String requestId, MessageRef message, String actor,
        Instant at) {
}
