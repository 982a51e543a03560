package io.bulwark.gateway.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the content of an SMTP DATA command from the raw connection (RFC 5321 section 4.5.2),
 * removing dot-stuffing and ending exactly at {@code CRLF . CRLF}.
 *
 * <p>Why our own: SMTP smuggling (CVE-2023-51764/51765/51766) exploits servers that accept other
 * end-of-data sequences ({@code LF . LF}, {@code CR . CR}, {@code CRLF NUL . CRLF}, ...), so a
 * message could hide a second one. Here only a dot alone on a line that began after a real CRLF
 * ends the data. What happens to a bare LF, bare CR or NUL is the {@link BareNewlinePolicy}:
 *
 * <ul>
 *   <li>{@code NORMALIZE}: bare LF becomes CRLF, bare CR becomes a space, NUL is dropped. The
 *       content we store, scan and relay is then the same canonical text (no filter sees a
 *       different header than the next hop). A line that starts after a bare LF, or after a NUL,
 *       is not a "real" line start: a dot there is neither a terminator nor stuffing, so
 *       {@code \n.\n} is stored as a CRLF-framed lone dot and dot-stuffed when relayed. A dot at a
 *       real line start followed by a bare newline is kept for the same reason.</li>
 *   <li>{@code REJECT}: the first such byte throws {@link BareNewlineException}; the session
 *       answers {@code 550 5.5.2} and disconnects (the framing can no longer be trusted).</li>
 * </ul>
 *
 * <p>Reads byte by byte from {@code raw}, which must be buffered, so that it never consumes
 * pipelined commands after the terminator; inside a line it copies what is buffered in bulk
 * ({@link SessionInputStream#readPlain}, from the session stream's buffer). Not thread-safe (one per DATA
 * command).
 */
final class StrictDataInputStream extends InputStream {
    private final SessionInputStream raw;
    private final BareNewlinePolicy policy;
    private final int[] queue = new int[4];
    private int queueHead;
    private int queueSize;
    private int pushedBack = -1;
    /** True at the start of the content and after a real CRLF. */
    private boolean atLineStart = true;
    private boolean ended;
    /** True from the content's first read, after the intake gate: the session's buffer is wide until the dot. */
    private boolean begun;

    StrictDataInputStream(SessionInputStream raw, BareNewlinePolicy policy) {
        this.raw = raw;
        this.policy = policy;
    }

    /** Thrown in {@code REJECT} mode at the first bare CR, bare LF or NUL. */
    static final class BareNewlineException extends IOException {
        private final String what;

        BareNewlineException(String what) {
            super("bare " + what + " received in DATA");
            this.what = what;
        }

        /** {@code <LF>}, {@code <CR>} or {@code <NUL>}. */
        String what() {
            return what;
        }
    }

    @Override
    public int read() throws IOException {
        if (!begun) {
            // the first read of the content comes after the intake gate (DataIntake), so the wide
            // buffer is not held while the message waits there (SessionInputStream)
            begun = true;
            raw.widen();
        }
        while (queueSize == 0) {
            if (ended) {
                return -1;
            }
            step();
        }
        int b = queue[queueHead];
        queueHead = (queueHead + 1) % queue.length;
        queueSize--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            if (queueSize == 0 && pushedBack < 0 && !atLineStart && !ended) {
                // inside a line, what the session's stream holds is copied in bulk up to the next CR, LF
                // or NUL, which the byte path below decides; never past the terminator. Why: a
                // byte-at-a-time read takes the stream's lock per byte, about 20,000 times for a
                // 20 KB message, nearly all after the client's dot (issue 19, fifth session)
                int plain = raw.readPlain(buffer, offset + count, length - count);
                if (plain > 0) {
                    count += plain;
                    continue;
                }
            }
            int b = read();
            if (b < 0) {
                return count == 0 ? -1 : count;
            }
            buffer[offset + count++] = (byte) b;
            // Return at line ends so the caller sees progress without waiting for a full buffer:
            // when nothing is buffered (the socket is not asked; the next read fills the buffer).
            if (b == '\n' && queueSize == 0 && pushedBack < 0 && raw.buffered() == 0) {
                break;
            }
        }
        return count;
    }

    /** Consumes wire bytes until at least one content byte is queued or the data ended. */
    private void step() throws IOException {
        int b = next();
        if (atLineStart && b == '.') {
            int c = next();
            if (c == '\r') {
                int d = next();
                if (d == '\n') {
                    ended = true;
                    raw.narrow(); // what follows the dot is commands again (SessionInputStream)
                    return;
                }
                // ". CR x": a lone dot followed by a bare CR; the dot is content.
                emit('.');
                atLineStart = false;
                pushedBack = d;
                bareCr();
                return;
            }
            if (c == '\n') {
                // ". LF": a lone dot under LF framing is content, never an end of data.
                emit('.');
                atLineStart = false;
                bareLf();
                return;
            }
            // RFC 5321 4.5.2: the first dot of any other line is removed (dot-stuffing).
            atLineStart = false;
            ordinary(c);
            return;
        }
        ordinary(b);
    }

    private void ordinary(int b) throws IOException {
        switch (b) {
            case '\r' -> {
                int c = next();
                if (c == '\n') {
                    emit('\r');
                    emit('\n');
                    atLineStart = true;
                } else {
                    pushedBack = c;
                    bareCr();
                }
            }
            case '\n' -> bareLf();
            case 0 -> {
                if (policy == BareNewlinePolicy.REJECT) {
                    throw new BareNewlineException("<NUL>");
                }
                // Dropped, but the line no longer starts here: "CRLF NUL . CRLF" stays content.
                atLineStart = false;
            }
            default -> {
                emit(b);
                atLineStart = false;
            }
        }
    }

    private void bareLf() throws IOException {
        if (policy == BareNewlinePolicy.REJECT) {
            throw new BareNewlineException("<LF>");
        }
        emit('\r');
        emit('\n');
        atLineStart = false; // not a real line start: see the class comment
    }

    private void bareCr() throws IOException {
        if (policy == BareNewlinePolicy.REJECT) {
            throw new BareNewlineException("<CR>");
        }
        // A space, not CRLF: "Subject: a CR Bcc: x" must never become a Bcc header downstream.
        emit(' ');
        atLineStart = false;
    }

    private void emit(int b) {
        queue[(queueHead + queueSize) % queue.length] = b;
        queueSize++;
    }

    private int next() throws IOException {
        int b;
        if (pushedBack >= 0) {
            b = pushedBack;
            pushedBack = -1;
        } else {
            b = raw.read();
        }
        if (b < 0) {
            throw new EOFException("connection closed before the end of DATA");
        }
        return b;
    }
}
