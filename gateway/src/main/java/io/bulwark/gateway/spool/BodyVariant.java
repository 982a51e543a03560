package io.bulwark.gateway.spool;

import java.util.List;

/**
 * A version of a spooled message that differs from the original, delivered to some of its
 * recipients: the policy tagged the subject, added X-headers or removed attachments for their
 * recipient group. Stored as {@code <queueId>.v<index>.eml} beside the original and written (and
 * fsynced) before the metadata commit, so a committed message always has every body it needs.
 * Recipients listed in no variant get the original {@code <queueId>.eml}.
 *
 * @param index      1, 2, ... within the message
 * @param recipients the envelope recipients that get this version
 * @param sizeBytes  its size in bytes (our Received header included)
 * @param sha256     hex SHA-256 of the file
 * @param eightBit   whether a byte above 127 occurs (BODY=8BITMIME when relaying)
 */
public record BodyVariant(int index, List<String> recipients, long sizeBytes, String sha256, boolean eightBit) {

    public BodyVariant {
        if (index < 1) {
            throw new IllegalArgumentException("variant index starts at 1: " + index);
        }
        recipients = List.copyOf(recipients);
    }
}
