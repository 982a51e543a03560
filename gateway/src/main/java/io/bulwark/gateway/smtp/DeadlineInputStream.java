package io.bulwark.gateway.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The socket's input with a deadline for the whole current request (a command line, or a DATA
 * phase), not only for each read: every read waits at most until the deadline, and a read that
 * starts after it fails with {@link SocketTimeoutException}, which the session answers with
 * {@code 421 4.4.2}. During DATA, bytes received extend the deadline at the minimum data rate.
 * While the listener is under stress, the request's base allowance shrinks to the stress timeout
 * (bytes received still extend it), checked at every read, so sessions opened before the stress
 * began are shortened too.
 *
 * <p>Confined to its session's thread; the deadline is re-armed by {@link #command} and
 * {@link #data} at each request.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final Socket socket;
    private final SlowClientPolicy policy;
    private final BooleanSupplier underStress;
    private long started;
    private boolean startsAtFirstRead;
    private long allowance;
    private long earned;
    private long nanosPerByte;

    DeadlineInputStream(InputStream in, Socket socket, SlowClientPolicy policy, BooleanSupplier underStress) {
        super(in);
        this.socket = socket;
        this.policy = policy;
        this.underStress = underStress;
    }

    /** The next command line, and the wait for it, must arrive within {@code allowance}. */
    void command(Duration allowance) {
        arm(allowance, 0, false);
    }

    /**
     * The whole DATA content within {@code allowance}, plus 1/minDataRate s for each byte received.
     * The time starts at the first read of the content, not here: before it, the intake may pause
     * the message while delivery is behind (intake flow control, ADR 0049), and a wait of ours must
     * not use up the client's allowance (under stress that is only the stress timeout).
     */
    void data(Duration allowance) {
        arm(allowance, 1_000_000_000L / policy.minDataRate(), true);
    }

    private void arm(Duration allowed, long perByte, boolean fromFirstRead) {
        started = System.nanoTime();
        startsAtFirstRead = fromFirstRead;
        allowance = allowed.toNanos();
        earned = 0;
        nanosPerByte = perByte;
    }

    @Override
    public int read() throws IOException {
        while (true) {
            waitLimit();
            try {
                int b = super.read();
                if (b >= 0) {
                    earned += nanosPerByte;
                }
                return b;
            } catch (SocketTimeoutException slice) {
                // a slice ended without data: look at the deadline (and the stress) again
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            waitLimit();
            try {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    earned += n * nanosPerByte;
                }
                return n;
            } catch (SocketTimeoutException slice) {
                // a slice ended without data: look at the deadline (and the stress) again
            }
        }
    }

    /**
     * Sets the socket's read timeout to what is left of the request's time, at most one stress
     * timeout, so a read blocked since before the listener came under stress wakes up and is held
     * to the shorter deadline; fails once nothing is left. (A socket read that times out leaves the
     * socket usable, so the read is simply repeated.)
     */
    private void waitLimit() throws IOException {
        if (startsAtFirstRead) {
            started = System.nanoTime();
            startsAtFirstRead = false;
        }
        long slice = policy.stressTimeout().toNanos();
        long base = underStress.getAsBoolean() ? Math.min(allowance, slice) : allowance;
        long left = started + base + earned - System.nanoTime();
        if (left <= 0) {
            throw new DeadlinePassedException();
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(left, slice) / 1_000_000));
    }

    /** The request's deadline passed: the session answers 421 4.4.2 and closes. */
    static final class DeadlinePassedException extends SocketTimeoutException {
        DeadlinePassedException() {
            super("request deadline passed");
        }
    }
}
