package io.bulwark.gateway.smtp;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * The session's buffered input, with one addition for the DATA reader: {@link #readPlain} copies
 * the bytes already buffered up to the first CR, LF or NUL, looking at each byte once and taking
 * nothing past it. A {@link BufferedInputStream} alone offers only mark, read and reset for that:
 * the reader then copied everything buffered (up to 8 KB) to find the end of a 78-byte line and gave
 * the rest back, about 2 MB of copying for a 20 KB message, 7 % of the appliance's CPU in the mail
 * path profile (issue 19, seventh session). The fields scanned are {@code BufferedInputStream}'s
 * own protected ones; a subclass takes the object's monitor (the JDK's internal lock is only used
 * when the class is exactly {@code BufferedInputStream}), so this method takes it too.
 */
final class SessionInputStream extends BufferedInputStream {

    SessionInputStream(InputStream in, int size) {
        super(in, size);
    }

    /**
     * Copies buffered bytes into {@code buffer} up to the first CR, LF or NUL (left unread), at most
     * {@code length}. Never blocks and never refills the buffer.
     *
     * @return bytes copied; 0 when nothing is buffered or the next byte is special
     */
    synchronized int readPlain(byte[] buffer, int offset, int length) {
        byte[] b = buf;
        if (b == null) {
            return 0; // closed
        }
        int start = pos;
        int end = Math.min(count, start + length);
        int i = start;
        while (i < end) {
            byte c = b[i];
            if (c == '\r' || c == '\n' || c == 0) {
                break;
            }
            i++;
        }
        int n = i - start;
        if (n > 0) {
            System.arraycopy(b, start, buffer, offset, n);
            pos = i; // a mark stays: the superclass too drops one only when it refills
        }
        return n;
    }

    /**
     * Bytes buffered and not yet read, without asking the socket: {@link #available()} adds the
     * socket's count, a system call (FIONREAD), which the DATA reader made at every line end, 1.4 %
     * of the appliance's CPU in the steady-state profile (docs/benchmarks.md, eighth session).
     */
    synchronized int buffered() {
        return buf == null ? 0 : count - pos;
    }
}
