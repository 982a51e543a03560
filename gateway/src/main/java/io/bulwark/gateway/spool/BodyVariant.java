package io.bulwark.gateway.spool;

import java.util.List;

/**
 * A version of a spooled message that differs from the original, delivered to some of its
 * recipients: the policy tagged the subject, added X-headers or removed attachments for their
 * recipient group. Stored as {@code <queueId>.v<index>.eml} beside the original and written (and
 * fsynced) before the metadata commit, so a committed message always has every body it needs.
 * Recipients listed in no variant get the original {@code <queueId>.eml}.
 *
 * <p>An inserted-header variant has no file: it is the original file with {@code insertedHeader}
 * (header lines the rule and the header stage added: status X-headers, {@code Authentication-Results},
 * the spam rating) inserted at byte {@code insertAt} (right after our Received header), so a message
 * whose only change is those lines costs neither a second copy in memory nor a second file.
 *
 * @param index      1, 2, ... within the message
 * @param recipients the envelope recipients that get this version
 * @param sizeBytes  its size in bytes (our Received header included)
 * @param sha256     hex SHA-256 of the file
 * @param eightBit   whether a byte above 127 occurs (BODY=8BITMIME when relaying)
 * @param insertedHeader for an inserted-header variant, the header lines inserted into the original
 *                   file (sizes and the 8-bit flag then cover both; {@code sha256} is the original
 *                   file's hash); null for a variant with its own file
 * @param insertAt   where in the original file they go (the length of our Received header)
 */
public record BodyVariant(int index, List<String> recipients, long sizeBytes, String sha256, boolean eightBit,
        String insertedHeader, long insertAt) {

    public BodyVariant {
        if (index < 1) {
            throw new IllegalArgumentException("variant index starts at 1: " + index);
        }
        recipients = List.copyOf(recipients);
    }

    /** A variant with its own file. */
    public BodyVariant(int index, List<String> recipients, long sizeBytes, String sha256, boolean eightBit) {
        this(index, recipients, sizeBytes, sha256, eightBit, null, 0);
    }

    /** Whether this variant is header lines inserted into the original rather than a file of its own. */
    public boolean insertsHeader() {
        return insertedHeader != null;
    }

    /** The header lines to insert into the original, as bytes; null for a variant with its own file. */
    public byte[] insertedHeaderBytes() {
        return insertedHeader == null ? null : insertedHeader.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
