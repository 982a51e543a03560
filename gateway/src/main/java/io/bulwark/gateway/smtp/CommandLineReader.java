package io.bulwark.gateway.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads SMTP command lines (RFC 5321 2.3.8: ended by CRLF only) from a buffered stream, byte by
 * byte so that nothing after the line is consumed (the DATA reader and STARTTLS take over the same
 * stream).
 *
 * <p>A bare CR or LF never ends a command line: {@code MAIL FROM:<a>\nRCPT TO:<b>\r\n} is one bad
 * line, not two commands (SMTP smuggling in the command phase). The one exception keeps LF-only
 * clients from hanging until the timeout: a bare LF with nothing more buffered ends the (bad) line,
 * so the client gets its error at once. Lines longer than the limit are read to their end and
 * reported, so one over-long line costs one error reply and never desynchronises the session.
 *
 * <p>Not thread-safe (one per session, replaced after STARTTLS).
 */
final class CommandLineReader {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private int pushedBack = -1;

    /** What was wrong with a line, if anything. */
    enum Problem {
        NONE, BARE_LF, BARE_CR, TOO_LONG
    }

    /**
     * One command line.
     *
     * @param text    the line without CRLF, bytes as ISO-8859-1 characters (so non-ASCII input can
     *                be recognised and refused, never silently decoded)
     * @param problem why the line cannot be executed, or {@code NONE}
     */
    record Line(String text, Problem problem) {
        boolean isAscii() {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 126) {
                    return false;
                }
            }
            return true;
        }
    }

    CommandLineReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line, or null when the client closed the connection. */
    Line read() throws IOException {
        line.reset();
        Problem problem = Problem.NONE;
        while (true) {
            int b = next();
            if (b < 0) {
                return null;
            }
            if (b == '\r') {
                int c = next();
                if (c == '\n') {
                    return new Line(line.toString(StandardCharsets.ISO_8859_1), problem);
                }
                if (c < 0) {
                    return null;
                }
                pushedBack = c;
                problem = worst(problem, Problem.BARE_CR);
                append(' ');
                continue;
            }
            if (b == '\n') {
                problem = worst(problem, Problem.BARE_LF);
                if (in.available() == 0) {
                    return new Line(line.toString(StandardCharsets.ISO_8859_1), problem);
                }
                append(' ');
                continue;
            }
            if (line.size() >= limit) {
                problem = Problem.TOO_LONG;
                continue;
            }
            append(b);
        }
    }

    private void append(int b) {
        if (line.size() < limit) {
            line.write(b);
        }
    }

    private static Problem worst(Problem current, Problem next) {
        return current == Problem.NONE ? next : current;
    }

    private int next() throws IOException {
        if (pushedBack >= 0) {
            int b = pushedBack;
            pushedBack = -1;
            return b;
        }
        return in.read();
    }
}
