package io.bulwark.scan.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the header fields and the body of a message in its raw octets (RFC 5322 2.1, 2.2, 2.2.3)
 * without copying them: each field is a window from its name to the line break ending its last
 * continuation line. A line ends at LF (with or without a CR before it), so a message read from a
 * file with bare LFs still splits; the spool itself only holds CRLF. The header section ends at
 * the first empty line, or at the end of the message when there is none.
 *
 * <p>Lenient like mime4j's parser: a line without a colon becomes a field without a name (mime4j
 * drops it; {@link MessageViewParser} only pairs fields that have one). Stateless.
 */
final class RawHeaderSection {
    /** One field's window and its name ("" when the line has no colon). */
    record Field(String name, int offset, int length) {
    }

    /**
     * @param fields    every field in order
     * @param headerEnd offset just after the last field's line break
     * @param bodyStart offset of the first body octet (after the empty line), or the message
     *                  length when there is no body
     */
    record Split(List<Field> fields, int headerEnd, int bodyStart) {
    }

    private RawHeaderSection() {
    }

    static Split split(byte[] raw) {
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        while (pos < raw.length) {
            int emptyLine = emptyLineLength(raw, pos);
            if (emptyLine > 0) {
                return new Split(fields, pos, pos + emptyLine);
            }
            int start = pos;
            pos = nextLine(raw, pos);
            while (pos < raw.length && (raw[pos] == ' ' || raw[pos] == '\t')) {
                pos = nextLine(raw, pos);
            }
            fields.add(new Field(name(raw, start, pos), start, pos - start));
        }
        return new Split(fields, raw.length, raw.length);
    }

    /** 2 for CRLF, 1 for a bare LF at {@code pos}, else 0. */
    private static int emptyLineLength(byte[] raw, int pos) {
        if (raw[pos] == '\n') {
            return 1;
        }
        return raw[pos] == '\r' && pos + 1 < raw.length && raw[pos + 1] == '\n' ? 2 : 0;
    }

    /** The offset after the LF ending the line that starts at {@code pos}, or the end. */
    private static int nextLine(byte[] raw, int pos) {
        for (int i = pos; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static String name(byte[] raw, int start, int end) {
        for (int i = start; i < end; i++) {
            if (raw[i] == ':') {
                int last = i;
                while (last > start && (raw[last - 1] == ' ' || raw[last - 1] == '\t')) {
                    last--; // RFC 5322 4.5.2 (obsolete syntax): white space before the colon
                }
                return new String(raw, start, last - start, StandardCharsets.ISO_8859_1);
            }
            if (raw[i] == '\n') {
                break;
            }
        }
        return "";
    }
}
