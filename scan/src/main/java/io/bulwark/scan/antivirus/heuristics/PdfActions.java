package io.bulwark.scan.antivirus.heuristics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * A bounded token scan of a PDF for the names that make it run something: {@code /JavaScript} and
 * {@code /JS} (ISO 32000-1 12.6.4.16), {@code /Launch} (12.6.4.5), and {@code /OpenAction}
 * (7.7.2, the action run when the document opens). Names are read as PDF names, so hex-escaped
 * spellings ({@code /J#61vaScript}, 7.3.5) are found too.
 *
 * <p>Not a PDF parser: names inside compressed object streams (PDF 1.5) are not seen, and a name
 * inside a string or a content stream counts as if it were a key. Both are accepted for a
 * "probably infected" heuristic, which the rule may ignore. Reads at most {@link #MAX_BYTES}.
 * Stateless and thread-safe.
 */
public final class PdfActions {
    /** Bytes of a PDF that are scanned. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    /** What a PDF may do by itself. */
    public enum Action {
        JAVASCRIPT, LAUNCH, OPEN_ACTION
    }

    private PdfActions() {
    }

    /** Whether the bytes start like a PDF ("%PDF-" within the first 1024 bytes, as readers accept). */
    public static boolean isPdf(byte[] head) {
        int limit = Math.min(head.length, 1024) - 5;
        for (int i = 0; i <= limit; i++) {
            if (head[i] == '%' && head[i + 1] == 'P' && head[i + 2] == 'D' && head[i + 3] == 'F' && head[i + 4] == '-') {
                return true;
            }
        }
        return false;
    }

    /** The actions named in the PDF read from {@code in}. */
    public static Set<Action> find(InputStream in) throws IOException {
        Set<Action> found = EnumSet.noneOf(Action.class);
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream name = null;
        long read = 0;
        int n;
        int pendingHex = -1;
        int hexValue = 0;
        while (read < MAX_BYTES && (n = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_BYTES - read))) > 0) {
            read += n;
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xFF;
                if (name != null) {
                    if (pendingHex >= 0) {
                        int digit = Character.digit(b, 16);
                        if (digit < 0) {
                            name = null;
                            pendingHex = -1;
                        } else if (pendingHex == 0) {
                            hexValue = digit;
                            pendingHex = 1;
                        } else {
                            name.write(hexValue * 16 + digit);
                            pendingHex = -1;
                        }
                        continue;
                    }
                    if (b == '#') {
                        pendingHex = 0;
                        continue;
                    }
                    if (isDelimiter(b)) {
                        classify(name.toString(java.nio.charset.StandardCharsets.ISO_8859_1), found);
                        name = b == '/' ? new ByteArrayOutputStream() : null;
                        continue;
                    }
                    if (name.size() < 32) {
                        name.write(b);
                    }
                } else if (b == '/') {
                    name = new ByteArrayOutputStream();
                }
            }
        }
        if (name != null) {
            classify(name.toString(java.nio.charset.StandardCharsets.ISO_8859_1), found);
        }
        return found;
    }

    private static boolean isDelimiter(int b) {
        return b <= ' ' || b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}'
                || b == '/' || b == '%';
    }

    private static void classify(String name, Set<Action> found) {
        switch (name) {
            case "JavaScript", "JS" -> found.add(Action.JAVASCRIPT);
            case "Launch" -> found.add(Action.LAUNCH);
            case "OpenAction" -> found.add(Action.OPEN_ACTION);
            default -> {
            }
        }
    }
}
