package io.bulwark.gateway.spool;

/**
 * Facts about a message body computed while it was streamed to the spool (one pass, no re-read).
 *
 * @param sha256    hex SHA-256 of the bytes as received (our Received header excluded)
 * @param sizeBytes number of bytes as received
 * @param messageId Message-ID header without angle brackets, or null
 * @param eightBit  whether a byte above 127 occurred
 */
public record BodyInfo(String sha256, long sizeBytes, String messageId, boolean eightBit) {
}
