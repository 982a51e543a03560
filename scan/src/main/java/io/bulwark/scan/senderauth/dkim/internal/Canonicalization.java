package io.bulwark.scan.senderauth.dkim.internal;

import io.bulwark.scan.message.RawBytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * DKIM canonicalisation (RFC 6376 3.4): "simple" and "relaxed", for header fields and for the
 * body, shared by the DKIM signer, the DKIM verifier and ARC (RFC 8617 5.1 uses the relaxed header
 * algorithm).
 *
 * <p>The body is hashed line by line straight from the raw octets ({@link RawBytes#buffer()}):
 * no copy of the whole body is made, relaxed lines go through one small reusable line buffer.
 * The spool holds CRLF; a bare LF (a message read from a file) is taken as CRLF, as most
 * verifiers do, so such a message hashes as it would have after SMTP transport.
 *
 * <p>Stateless; {@link #hashBody} uses the caller's digest, so it is thread-safe as long as each
 * thread has its own digest.
 */
public enum Canonicalization {
    SIMPLE, RELAXED;

    private static final byte[] CRLF = {'\r', '\n'};

    /** {@code simple} or {@code relaxed}, case-insensitive; empty for anything else. */
    public static java.util.Optional<Canonicalization> of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "simple" -> java.util.Optional.of(SIMPLE);
            case "relaxed" -> java.util.Optional.of(RELAXED);
            default -> java.util.Optional.empty();
        };
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Appends one header field, canonicalised, to {@code out}.
     *
     * @param rawField    the field as received: name, colon, folded value, line break
     * @param lineBreak   whether the field's line break is kept (false only for the signature
     *                    field itself, which is hashed without it, RFC 6376 3.7)
     */
    public void header(String rawField, boolean lineBreak, ByteArrayOutputStream out) {
        String field = stripLineBreak(rawField);
        if (this == SIMPLE) {
            // bare LF inside folding becomes CRLF, as after SMTP transport
            out.writeBytes(field.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } else {
            int colon = field.indexOf(':');
            // only WSP is removed (RFC 6376 3.4.2); String.strip() would also eat control characters
            String name = trimWsp(field.substring(0, colon)).toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).replace("\r", "").replace("\n", "");
            out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            out.write(':');
            out.writeBytes(trimWsp(compressWhitespace(value)).getBytes(StandardCharsets.ISO_8859_1));
        }
        if (lineBreak) {
            out.writeBytes(CRLF);
        }
    }

    /** The field without the line break that ends it. */
    public static String stripLineBreak(String rawField) {
        int end = rawField.length();
        if (end > 0 && rawField.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && rawField.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return rawField.substring(0, end);
    }

    private static String trimWsp(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String compressWhitespace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        if (space) {
            b.append(' ');
        }
        return b.toString();
    }

    /**
     * The body hash input's digest and length.
     *
     * @param digest          the hash of the canonical body, cut at the limit
     * @param canonicalLength the length of the whole canonical body (the limit not applied), so
     *                        a caller can tell how much an {@code l=} leaves unsigned
     */
    public record BodyHash(byte[] digest, long canonicalLength) {
    }

    /**
     * Hashes the canonical form of {@code body} (RFC 6376 3.4.3, 3.4.4), at most {@code limit}
     * octets of it ({@code l=}, RFC 6376 3.5), or all when {@code limit} is negative.
     */
    public BodyHash hashBody(RawBytes body, long limit, MessageDigest digest) {
        Sink sink = new Sink(digest, limit < 0 ? Long.MAX_VALUE : limit);
        ByteBuffer in = body.buffer();
        int n = in.limit();
        byte[] line = new byte[256];
        int pendingEmptyLines = 0;
        int pos = 0;
        while (pos < n) {
            int eol = pos;
            while (eol < n && in.get(eol) != '\n') {
                eol++;
            }
            int end = eol;
            if (eol < n && end > pos && in.get(end - 1) == '\r') {
                end--;
            }
            int next = eol < n ? eol + 1 : n;
            int length;
            if (this == SIMPLE) {
                length = end - pos;
            } else {
                if (line.length < end - pos) {
                    line = new byte[Math.max(end - pos, line.length * 2)];
                }
                length = relaxLine(in, pos, end, line);
            }
            if (length == 0) {
                pendingEmptyLines++; // an empty line counts only if something follows it
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    sink.write(CRLF, 2);
                }
                if (this == SIMPLE) {
                    sink.write(in.slice(pos, length));
                } else {
                    sink.write(line, length);
                }
                sink.write(CRLF, 2);
            }
            pos = next;
        }
        if (this == SIMPLE && sink.total == 0) {
            sink.write(CRLF, 2); // an empty body is one CRLF in simple (RFC 6376 3.4.3)
        }
        return new BodyHash(digest.digest(), sink.total);
    }

    /** Reduces WSP runs to one SP and drops WSP at the end of the line (RFC 6376 3.4.4). */
    private static int relaxLine(ByteBuffer in, int from, int to, byte[] out) {
        int length = 0;
        boolean space = false;
        for (int i = from; i < to; i++) {
            byte c = in.get(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space) {
                    out[length++] = ' ';
                    space = false;
                }
                out[length++] = c;
            }
        }
        return length;
    }

    private static final class Sink {
        private final MessageDigest digest;
        private long remaining;
        private long total;

        Sink(MessageDigest digest, long limit) {
            this.digest = digest;
            this.remaining = limit;
        }

        void write(byte[] bytes, int length) {
            total += length;
            int take = (int) Math.min(length, remaining);
            digest.update(bytes, 0, take);
            remaining -= take;
        }

        void write(ByteBuffer bytes) {
            int length = bytes.remaining();
            total += length;
            int take = (int) Math.min(length, remaining);
            digest.update(bytes.limit(take));
            remaining -= take;
        }
    }
}
