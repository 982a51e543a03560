package io.bulwark.gateway.spool;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.MessageScannedEvent;
import java.time.Instant;
import java.util.List;

/**
 * The metadata file of a spooled message ({@code <queueId>.json}): envelope, origin, content
 * facts and per-recipient delivery state. Its presence under the final name is what makes the
 * message committed. Stored as JSON so that a postmaster can read it and future versions can add
 * fields ({@code formatVersion} says which shape wrote it; unknown fields are ignored on read).
 *
 * @param formatVersion  shape of this file, currently 1
 * @param queueId        the queue id (also the file names)
 * @param nodeId         the node that received the message
 * @param sender         envelope sender, empty for the null sender
 * @param recipients     per-recipient state, in RCPT order
 * @param clientAddress  IP address of the SMTP client
 * @param heloName       EHLO/HELO argument
 * @param tlsProtocol    TLS protocol of the receiving session, or null
 * @param tlsCipher      TLS cipher of the receiving session, or null
 * @param messageId      Message-ID header without angle brackets, or null
 * @param sizeBytes      size of the message as received (our Received header not counted)
 * @param sha256         hex SHA-256 of the message as received
 * @param eightBit       whether the content has bytes above 127 (BODY=8BITMIME when relaying)
 * @param receivedAt     when the message was committed (the 250 was decided)
 * @param attempts       delivery attempts started so far (persisted before each attempt starts)
 * @param nextAttemptAt  when the next attempt is due
 * @param delayWarningSent whether the sender was already told that the message is delayed
 *                       (absent in files written before it existed: read as false)
 * @param variants       versions changed by the policy for some recipients (format 2; empty: every
 *                       recipient gets the original)
 * @param scan           the scan and decision made before the 250 (format 2), re-appended with the
 *                       other arrival events on recovery; null for messages generated locally (DSNs)
 *                       or received without scanning
 * @param outgoing       whether the client was trusted ({@code mynetworks}) or authenticated: its mail
 *                       is outgoing and is DKIM-signed at delivery when its From domain has a key
 *                       (absent in files written before it existed: read as false, never signed)
 */
public record SpoolMetadata(
        int formatVersion,
        String queueId,
        String nodeId,
        String sender,
        List<RecipientState> recipients,
        String clientAddress,
        String heloName,
        String tlsProtocol,
        String tlsCipher,
        String messageId,
        long sizeBytes,
        String sha256,
        boolean eightBit,
        Instant receivedAt,
        int attempts,
        Instant nextAttemptAt,
        boolean delayWarningSent,
        List<BodyVariant> variants,
        MessageScannedEvent scan,
        boolean outgoing) {

    /** 2: variants and scan added (files of format 1 read with none). */
    public static final int FORMAT_VERSION = 2;

    public SpoolMetadata {
        recipients = List.copyOf(recipients);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A message without variants and scan (format 1 shape; DSNs and tests). */
    public SpoolMetadata(int formatVersion, String queueId, String nodeId, String sender,
            List<RecipientState> recipients, String clientAddress, String heloName, String tlsProtocol,
            String tlsCipher, String messageId, long sizeBytes, String sha256, boolean eightBit, Instant receivedAt,
            int attempts, Instant nextAttemptAt, boolean delayWarningSent) {
        this(formatVersion, queueId, nodeId, sender, recipients, clientAddress, heloName, tlsProtocol, tlsCipher,
                messageId, sizeBytes, sha256, eightBit, receivedAt, attempts, nextAttemptAt, delayWarningSent,
                List.of(), null, false);
    }

    /** A message that is not outgoing (locally generated: DSNs, redeliveries from backup). */
    public SpoolMetadata(int formatVersion, String queueId, String nodeId, String sender,
            List<RecipientState> recipients, String clientAddress, String heloName, String tlsProtocol,
            String tlsCipher, String messageId, long sizeBytes, String sha256, boolean eightBit, Instant receivedAt,
            int attempts, Instant nextAttemptAt, boolean delayWarningSent, List<BodyVariant> variants,
            MessageScannedEvent scan) {
        this(formatVersion, queueId, nodeId, sender, recipients, clientAddress, heloName, tlsProtocol, tlsCipher,
                messageId, sizeBytes, sha256, eightBit, receivedAt, attempts, nextAttemptAt, delayWarningSent,
                variants, scan, false);
    }

    /** The variant the recipient gets, or empty for the original. */
    public java.util.Optional<BodyVariant> variantFor(String recipient) {
        return variants.stream().filter(v -> v.recipients().contains(recipient)).findFirst();
    }

    /** The same message with new recipient states. */
    public SpoolMetadata withRecipients(List<RecipientState> newRecipients) {
        return new SpoolMetadata(formatVersion, queueId, nodeId, sender, newRecipients, clientAddress, heloName,
                tlsProtocol, tlsCipher, messageId, sizeBytes, sha256, eightBit, receivedAt, attempts,
                nextAttemptAt, delayWarningSent, variants, scan, outgoing);
    }

    /**
     * The same message judged again (the Anti-Spam Quarantine's re-check): new recipient states,
     * variants and recorded scan, due at once.
     */
    public SpoolMetadata withJudgement(List<RecipientState> newRecipients, List<BodyVariant> newVariants,
            MessageScannedEvent newScan, Instant due) {
        return new SpoolMetadata(formatVersion, queueId, nodeId, sender, newRecipients, clientAddress, heloName,
                tlsProtocol, tlsCipher, messageId, sizeBytes, sha256, eightBit, receivedAt, attempts, due,
                delayWarningSent, newVariants, newScan, outgoing);
    }

    /** The same message, marked as having had its delay warning. */
    public SpoolMetadata withDelayWarningSent() {
        return new SpoolMetadata(formatVersion, queueId, nodeId, sender, recipients, clientAddress, heloName,
                tlsProtocol, tlsCipher, messageId, sizeBytes, sha256, eightBit, receivedAt, attempts,
                nextAttemptAt, true, variants, scan, outgoing);
    }

    /** The same message with a new attempt count and next attempt time. */
    public SpoolMetadata withSchedule(int newAttempts, Instant newNextAttemptAt) {
        return new SpoolMetadata(formatVersion, queueId, nodeId, sender, recipients, clientAddress, heloName,
                tlsProtocol, tlsCipher, messageId, sizeBytes, sha256, eightBit, receivedAt, newAttempts,
                newNextAttemptAt, delayWarningSent, variants, scan, outgoing);
    }

    /** The envelope recipient addresses. */
    public List<String> recipientAddresses() {
        return recipients.stream().map(RecipientState::address).toList();
    }

    /** Recipients not yet in a final state. */
    public List<RecipientState> pendingRecipients() {
        return recipients.stream().filter(r -> !r.status().isFinal()).toList();
    }

    /** Whether every recipient is delivered or bounced. */
    public boolean isComplete() {
        return recipients.stream().allMatch(r -> r.status().isFinal());
    }

    /** Whether the envelope sender is the null sender {@code <>} (bounces must never be bounced). */
    public boolean hasNullSender() {
        return sender == null || sender.isEmpty();
    }

    /** The event view of this message, for the given recipients. */
    public MessageRef ref(List<String> forRecipients) {
        return new MessageRef(queueId, messageId, sender, forRecipients, sizeBytes, clientAddress, nodeId);
    }
}
