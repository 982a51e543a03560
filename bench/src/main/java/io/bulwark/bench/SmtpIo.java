package io.bulwark.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffered SMTP line I/O over a socket stream, used by both ends of the harness (client and
 * sink). It owns its buffer so that the server side can tell whether pipelined input is already
 * waiting ({@link #buffered()}) and delay flushing replies, as RFC 2920 servers do, and so that
 * the message body can be skipped byte by byte without building strings.
 */
final class SmtpIo {
    /** One SMTP reply: the code of its last line and the text of every line. */
    record Reply(int code, List<String> lines) {
        boolean positive() {
            return code >= 200 && code < 400;
        }

        /** True when one of the EHLO lines names {@code keyword}. */
        boolean offers(String keyword) {
            for (String l : lines) {
                String t = l.length() > 4 ? l.substring(4).trim() : "";
                if (t.regionMatches(true, 0, keyword, 0, keyword.length())
                        && (t.length() == keyword.length() || t.charAt(keyword.length()) == ' ')) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;

    SmtpIo(InputStream in) {
        this(in, newBuffer());
    }

    /**
     * Reads through {@code buffer}, which the caller may hand to the next connection's reader once
     * this one is done with (the load generator keeps one per session, not one per connection).
     */
    SmtpIo(InputStream in, byte[] buffer) {
        this.in = in;
        this.buf = buffer;
    }

    /** A read buffer of the size every reader uses. */
    static byte[] newBuffer() {
        return new byte[16 * 1024];
    }

    /** Bytes already read from the socket and not consumed yet. */
    boolean buffered() {
        return pos < lim;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /**
     * Reads one line without its CR LF (a bare LF also ends it); null at end of stream. Lines
     * longer than 8 KB are cut, which is enough for commands and replies.
     */
    String readLine() throws IOException {
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= lim) {
                if (pos > start) {
                    sb = append(sb, start, pos);
                }
                if (!fill()) {
                    return sb == null ? null : sb.toString();
                }
                start = 0;
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int end = pos - 1;
                if (end > start && buf[end - 1] == '\r') {
                    end--;
                } else if (end == start && sb != null && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                    sb.setLength(sb.length() - 1);
                }
                sb = append(sb, start, end);
                return sb.toString();
            }
        }
    }

    private StringBuilder append(StringBuilder sb, int from, int to) {
        StringBuilder s = sb == null ? new StringBuilder(Math.max(16, to - from)) : sb;
        if (s.length() < MAX_LINE) {
            s.append(new String(buf, from, Math.min(to - from, MAX_LINE - s.length()), StandardCharsets.ISO_8859_1));
        }
        return s;
    }

    /**
     * Consumes a DATA body up to and including the terminating {@code .} line and returns the
     * number of body bytes (excluding that line), or -1 if the stream ended first. A small state
     * machine over the raw bytes: no line objects, so a 10 MB message costs one pass.
     */
    long skipData() throws IOException {
        long count = 0;
        int state = 1; // 0 mid-line, 1 line start, 2 "." at line start, 3 ".\r" at line start
        while (true) {
            if (pos >= lim && !fill()) {
                return -1;
            }
            byte b = buf[pos++];
            count++;
            switch (state) {
                case 0 -> state = b == '\n' ? 1 : 0;
                case 1 -> state = b == '.' ? 2 : b == '\n' ? 1 : 0;
                case 2 -> {
                    if (b == '\r') {
                        state = 3;
                    } else if (b == '\n') {
                        return count - 2;
                    } else {
                        state = 0;
                    }
                }
                default -> {
                    if (b == '\n') {
                        return count - 3;
                    }
                    state = 0;
                }
            }
        }
    }

    /** Reads a complete (possibly multi-line) reply; fails on end of stream or garbage. */
    Reply readReply() throws IOException {
        List<String> lines = new ArrayList<>(2);
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed by server");
            }
            if (line.length() < 3) {
                throw new IOException("malformed reply: " + line);
            }
            lines.add(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                int code;
                try {
                    code = Integer.parseInt(line.substring(0, 3));
                } catch (NumberFormatException e) {
                    throw new IOException("malformed reply: " + line, e);
                }
                return new Reply(code, lines);
            }
        }
    }

    /** Writes an ASCII command or reply line followed by CR LF (not flushed). */
    static void writeLine(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }
}
