package io.bulwark.gateway.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the content of an SMTP DATA command from the raw connection (RFC 5321 section 4.5.2),
 * removing dot-stuffing and ending exactly at {@code CRLF . CRLF}.
 *
 * <p>Why our own: SMTP smuggling (CVE-2023-51764/51765/51766) exploits servers that accept other
 * end-of-data sequences ({@code LF . LF}, {@code CR . CR}, ...), so a message could hide a second
 * one. Here only a dot alone on a line that began after CRLF ends the data; a bare LF or CR is
 * ordinary content, kept as received and turned into CRLF when relayed (our client never emits
 * a bare LF or CR), so no hidden terminator survives to the next hop.
 *
 * <p>Reads byte by byte from {@code raw}, which must be buffered, so that it never consumes
 * pipelined commands after the terminator. Not thread-safe (one per DATA command).
 */
final class StrictDataInputStream extends InputStream {
    private final InputStream raw;
    private boolean atLineStart = true;
    private boolean lastWasCr;
    private int pushedBack = -1;
    private boolean ended;

    StrictDataInputStream(InputStream raw) {
        this.raw = raw;
    }

    @Override
    public int read() throws IOException {
        if (ended) {
            return -1;
        }
        int b = next();
        if (atLineStart && b == '.') {
            int c1 = next();
            if (c1 == '\r') {
                int c2 = next();
                if (c2 == '\n') {
                    ended = true;
                    return -1;
                }
                // "." CR x: not the terminator; the leading dot is stuffing, keep CR and x.
                pushedBack = c2;
                return track('\r');
            }
            // RFC 5321 4.5.2: a leading dot on any other line is removed.
            return track(c1);
        }
        return track(b);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            int b = read();
            if (b < 0) {
                return count == 0 ? -1 : count;
            }
            buffer[offset + count++] = (byte) b;
            // Return at line ends so the caller sees progress without waiting for a full buffer.
            if (b == '\n' && raw.available() == 0 && pushedBack < 0) {
                break;
            }
        }
        return count;
    }

    private int track(int b) {
        atLineStart = lastWasCr && b == '\n';
        lastWasCr = b == '\r';
        return b;
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
