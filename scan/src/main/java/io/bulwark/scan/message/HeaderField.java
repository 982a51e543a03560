package io.bulwark.scan.message;

/**
 * One header field of a message, unfolded, with RFC 2047 encoded words decoded.
 *
 * @param name  the field name as written
 * @param value the decoded value
 */
public record HeaderField(String name, String value) {
}
