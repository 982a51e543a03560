package io.bulwark.scan.message;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The read-only, parsed view of a message that every check receives (ARCHITECTURE.md, "Scan
 * pipeline"): top-level header fields in order (duplicates kept, each with its raw form), the
 * decoded leaf parts, the raw header section and body, the raw size, and the problems met while
 * parsing. Immutable and safe to share between checks running in parallel.
 *
 * <p>The raw octets ({@link #rawHeader()}, {@link #rawBody()}, {@link HeaderField#raw()}) are
 * windows on the array the message was parsed from, not copies (see {@link RawBytes}).
 *
 * @param headers   top-level header fields in the order received, duplicates kept
 * @param parts     leaf parts in document order
 * @param rawSize   size of the message as received, in bytes
 * @param problems  limits hit or damage found while parsing ("nesting limit: ...", "part limit:
 *                  ...", "decoded size limit: ...", "corrupted: ..."); empty when the view is
 *                  complete. Scanners that find nothing in an incomplete view report NOT_SCANNED
 *                  with these as reasons, never CLEAN.
 * @param rawHeader the header section as received (RFC 5322 2.1), from the first field through the
 *                  line break ending the last one, without the empty line that separates the body
 * @param rawBody   the body as received: every octet after that empty line (RFC 6376 3.7 hashes
 *                  this); empty when there is no body
 * @param memo      what the engines derive from this message and share (rendered text, parsed
 *                  HTML, links; ADR 0040): belongs to this view alone, so it is not part of
 *                  {@link #equals}; a fresh one when null
 */
public record MessageView(List<HeaderField> headers, List<MessagePart> parts, long rawSize, List<String> problems,
        RawBytes rawHeader, RawBytes rawBody, MessageMemo memo) {

    public MessageView {
        headers = headers == null ? List.of() : List.copyOf(headers);
        parts = parts == null ? List.of() : List.copyOf(parts);
        problems = problems == null ? List.of() : List.copyOf(problems);
        rawHeader = rawHeader == null ? RawBytes.EMPTY : rawHeader;
        rawBody = rawBody == null ? RawBytes.EMPTY : rawBody;
        memo = memo == null ? new MessageMemo() : memo;
    }

    /** A view with its own, empty memo. */
    public MessageView(List<HeaderField> headers, List<MessagePart> parts, long rawSize, List<String> problems,
            RawBytes rawHeader, RawBytes rawBody) {
        this(headers, parts, rawSize, problems, rawHeader, rawBody, null);
    }

    /** A view without raw octets (tests of checks that read decoded content only). */
    public MessageView(List<HeaderField> headers, List<MessagePart> parts, long rawSize, List<String> problems) {
        this(headers, parts, rawSize, problems, RawBytes.EMPTY, RawBytes.EMPTY);
    }

    /** The first header field of that name (case-insensitive), decoded. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst().map(HeaderField::value);
    }

    /**
     * Every header field of that name (case-insensitive), in the order received: several
     * {@code Received} or {@code DKIM-Signature} fields, or a duplicated {@code From} that
     * RFC 5322 3.6 forbids and DMARC must notice.
     */
    public List<HeaderField> headers(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        // every check asks for fields by name, many times per message: compare without a lower-cased
        // copy of each field name (issue 19's profile) where that gives the same answer (both ASCII)
        boolean asciiWanted = ascii(wanted);
        List<HeaderField> found = null;
        for (HeaderField h : headers) {
            String n = h.name();
            boolean same = asciiWanted && ascii(n) ? n.equalsIgnoreCase(wanted)
                    : n.toLowerCase(Locale.ROOT).equals(wanted);
            if (same) {
                if (found == null) {
                    found = new java.util.ArrayList<>(2);
                }
                found.add(h);
            }
        }
        return found == null ? List.of() : java.util.Collections.unmodifiableList(found);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether parsing hit a limit or damage. */
    public boolean incomplete() {
        return !problems.isEmpty();
    }

    /** Equal content; the memo is derived from it and does not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MessageView v && rawSize == v.rawSize && headers.equals(v.headers)
                && parts.equals(v.parts) && problems.equals(v.problems) && rawHeader.equals(v.rawHeader)
                && rawBody.equals(v.rawBody);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(headers, parts, rawSize, problems, rawHeader, rawBody);
    }

    @Override
    public String toString() {
        return "MessageView[headers=" + headers + ", parts=" + parts + ", rawSize=" + rawSize + ", problems="
                + problems + ", rawHeader=" + rawHeader + ", rawBody=" + rawBody + "]";
    }
}
