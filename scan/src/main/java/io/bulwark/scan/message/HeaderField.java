package io.bulwark.scan.message;

/**
 * One header field of a message: unfolded, with RFC 2047 encoded words decoded, and its raw form.
 *
 * @param name  the field name as written
 * @param value the decoded value
 * @param raw   the field exactly as received: name, colon, value with its folding (RFC 5322 2.2.3)
 *              and the line break that ends it (CRLF), as DKIM's "simple" header
 *              canonicalisation hashes it (RFC 6376 3.4.1); {@link RawBytes#EMPTY} for fields not
 *              parsed from a message (headers a rule adds)
 */
public record HeaderField(String name, String value, RawBytes raw) {

    public HeaderField {
        raw = raw == null ? RawBytes.EMPTY : raw;
    }

    /** A field without a raw form (one we write rather than one we received). */
    public HeaderField(String name, String value) {
        this(name, value, RawBytes.EMPTY);
    }
}
