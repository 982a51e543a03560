package io.bulwark.gateway.smtp;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The session's buffered input, with additions for the DATA reader: a buffer it widens for the
 * content and narrows after it (below), {@link #buffered}, and {@link #readPlain}, which copies
 * the bytes already buffered up to the first CR, LF or NUL, looking at each byte once and taking
 * nothing past it. A {@link BufferedInputStream} alone offers only mark, read and reset for that:
 * the reader then copied everything buffered (up to 8 KB) to find the end of a 78-byte line and gave
 * the rest back, about 2 MB of copying for a 20 KB message, 7 % of the appliance's CPU in the mail
 * path profile (issue 19, seventh session). The fields scanned are {@code BufferedInputStream}'s
 * own protected ones; a subclass takes the object's monitor (the JDK's internal lock is only used
 * when the class is exactly {@code BufferedInputStream}), so these methods take it too.
 *
 * <p>The buffer is small (commands need little) and wide only while a message's content is read:
 * {@link #widen} at the content's first read, {@link #narrow} at its end. So an idle session holds
 * 1 KB rather than 8 (10,000 idle sessions: about 72 MB less), and the wide buffer lives for the
 * milliseconds of the read, not for the seconds the session waits at the intake gate before it and
 * for its judging after it, which at 500 sessions outlast young collections (docs/benchmarks.md,
 * "What 500 sessions promote" and the twentieth session).
 */
final class SessionInputStream extends BufferedInputStream {

    private static final VarHandle BUF;

    static {
        try {
            BUF = MethodHandles.lookup().findVarHandle(BufferedInputStream.class, "buf", byte[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int size;
    private final int wideSize;

    /** A buffer of {@code size} bytes, never widened. */
    SessionInputStream(InputStream in, int size) {
        this(in, size, size);
    }

    /** A buffer of {@code size} bytes, widened to {@code wideSize} by {@link #widen}. */
    SessionInputStream(InputStream in, int size, int wideSize) {
        super(in, size);
        this.size = size;
        this.wideSize = Math.max(size, wideSize);
    }

    /**
     * Replaces the buffer by one of the wide size, keeping what it holds (unread bytes, a mark, and
     * the positions of both). Does nothing when it is already that wide or the stream is closed.
     */
    synchronized void widen() {
        byte[] b = buf;
        if (b == null || b.length >= wideSize) {
            return;
        }
        replace(b, wideSize, 0);
    }

    /**
     * Gives the wide buffer back for one of the first size, moving what is still unread (pipelined
     * commands after a message) to its start. Does nothing while a mark is set, when more is unread
     * than the small buffer holds, or when the stream is closed.
     */
    synchronized void narrow() {
        byte[] b = buf;
        int unread = count - pos;
        if (b == null || b.length <= size || markpos >= 0 || unread > size) {
            return;
        }
        if (replace(b, size, pos)) {
            pos = 0;
            count = unread;
        }
    }

    /**
     * Puts a buffer of {@code length} bytes in place of {@code old}, holding {@code old}'s bytes from
     * {@code from} up to {@code count} at its start; the caller moves the positions if {@code from} is
     * not 0. A compare-and-set, as the superclass grows its buffer: a close in between wins (buf null).
     */
    private boolean replace(byte[] old, int length, int from) {
        byte[] next = new byte[length];
        System.arraycopy(old, from, next, 0, count - from);
        return BUF.compareAndSet(this, old, next);
    }

    /** The buffer's current size, for tests. */
    synchronized int capacity() {
        byte[] b = buf;
        return b == null ? 0 : b.length;
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
