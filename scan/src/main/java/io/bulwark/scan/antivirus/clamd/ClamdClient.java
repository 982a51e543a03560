package io.bulwark.scan.antivirus.clamd;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A client of clamd's socket protocol (clamd(8), "COMMANDS"): {@code zPING}, and {@code zINSTREAM}
 * inside {@code zIDSESSION} sessions that are kept in a pool, so that scanning the parts of a
 * message costs no new connections.
 *
 * <p>INSTREAM: the object is sent in chunks, each a 4-byte big-endian length and that many bytes,
 * ended by a zero length; clamd answers {@code N: stream: OK}, {@code N: stream: NAME FOUND} or
 * {@code N: ... ERROR} (N the command's number in the session), NUL-terminated because the
 * commands are z-prefixed. clamd refuses streams beyond its {@code StreamMaxLength} with an ERROR
 * and closes the session.
 *
 * <p>Timeouts: every connect and every command has a deadline; a watchdog closes the socket when
 * it passes, which ends a blocked read (the same works for TCP and Unix sockets, where Java has no
 * read timeout). An interrupt of the calling thread (the pipeline's time limit) closes the socket
 * too. Pooled sessions idle longer than {@code idleTimeout} are closed rather than reused (clamd
 * ends idle sessions after its own {@code IdleTimeout}, 30 s by default); a pooled session that
 * fails before its reply is replaced by a fresh one once.
 *
 * <p>Thread-safe; at most {@code maxConnections} sessions exist at once, a caller beyond them
 * waits up to the connect timeout and then gets an {@link IOException} ("clamd busy").
 */
public final class ClamdClient implements Closeable {
    private static final int MAX_REPLY = 8192;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bulwark-clamd-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final ClamdAddress address;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration idleTimeout;
    private final int chunkSize;
    private final Semaphore permits;
    private final ArrayDeque<Session> idle = new ArrayDeque<>();
    private volatile boolean closed;

    /**
     * @param connectTimeout longest wait for a connection (and for a free pool slot)
     * @param readTimeout    longest one command may take, the upload and clamd's scan included
     * @param idleTimeout    pooled sessions idle longer are not reused
     * @param maxConnections sessions open at once
     * @param chunkSize      bytes per INSTREAM chunk
     */
    public ClamdClient(ClamdAddress address, Duration connectTimeout, Duration readTimeout, Duration idleTimeout,
            int maxConnections, int chunkSize) {
        this.address = Objects.requireNonNull(address, "address");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("maxConnections and chunkSize must be positive");
        }
        this.permits = new Semaphore(maxConnections, true);
        this.chunkSize = chunkSize;
    }

    public ClamdAddress address() {
        return address;
    }

    /**
     * The health check: {@code zPING} on a new connection, answered {@code PONG}.
     *
     * @throws IOException when clamd does not answer so in time
     */
    public void ping() throws IOException {
        try (SocketChannel ch = connect()) {
            String reply = withDeadline(ch, readTimeout, () -> {
                write(ch, "zPING\0".getBytes(StandardCharsets.US_ASCII));
                return readReply(ch);
            });
            if (!reply.equals("PONG")) {
                throw new IOException("clamd at " + address + " answered PING with '" + reply + "'");
            }
        }
    }

    /** clamd's {@code VERSION} line ("ClamAV 1.0.7/27000/..."), on a new connection. */
    public String version() throws IOException {
        try (SocketChannel ch = connect()) {
            return withDeadline(ch, readTimeout, () -> {
                write(ch, "zVERSION\0".getBytes(StandardCharsets.US_ASCII));
                return readReply(ch);
            });
        }
    }

    /** Opens the content to send; called again when a pooled session has to be replaced. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * Scans one object with INSTREAM.
     *
     * @throws IOException when clamd cannot be reached, is busy, or does not answer in time
     */
    public ClamdReply scan(Content content) throws IOException {
        acquire();
        try {
            Session pooled = takeIdle();
            if (pooled != null) {
                try {
                    ClamdReply reply = pooled.instream(content);
                    release(pooled, reply);
                    return reply;
                } catch (IOException e) {
                    pooled.close();
                    if (Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    // clamd may have ended the idle session: one try on a fresh one
                }
            }
            Session fresh = new Session(connect());
            try {
                fresh.start();
                ClamdReply reply = fresh.instream(content);
                release(fresh, reply);
                return reply;
            } catch (IOException | RuntimeException e) {
                fresh.close();
                throw e;
            }
        } finally {
            permits.release();
        }
    }

    private void acquire() throws IOException {
        try {
            if (!permits.tryAcquire(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("clamd busy: no free connection to " + address + " within " + connectTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for a clamd connection");
        }
    }

    private synchronized Session takeIdle() {
        long now = System.nanoTime();
        Session s;
        while ((s = idle.pollFirst()) != null) {
            if (now - s.lastUsed < idleTimeout.toNanos() && s.channel.isOpen()) {
                return s;
            }
            s.close();
        }
        return null;
    }

    private void release(Session s, ClamdReply reply) {
        // clamd closes the session after an ERROR (e.g. the stream size limit)
        if (reply.kind() == ClamdReply.Kind.ERROR || closed) {
            s.close();
            return;
        }
        s.lastUsed = System.nanoTime();
        synchronized (this) {
            idle.addFirst(s);
        }
    }

    private SocketChannel connect() throws IOException {
        if (closed) {
            throw new IOException("clamd client closed");
        }
        SocketChannel ch = address.socket() instanceof InetSocketAddress
                ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            withDeadline(ch, connectTimeout, () -> ch.connect(address.resolved()));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new IOException("clamd at " + address + " unreachable: " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @FunctionalInterface
    private interface Io<T> {
        T run() throws IOException;
    }

    /** Runs blocking I/O on {@code ch}, closing the channel if it takes longer than {@code limit}. */
    private static <T> T withDeadline(SocketChannel ch, Duration limit, Io<T> io) throws IOException {
        boolean[] expired = {false};
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired[0] = true;
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return io.run();
        } catch (IOException e) {
            if (expired[0]) {
                throw new java.net.SocketTimeoutException("no answer within " + limit);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static String readReply(SocketChannel ch) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                if (line.size() > 0) {
                    break; // a reply ended by the connection's end
                }
                throw new java.io.EOFException("clamd closed the connection without a reply");
            }
            byte b = one.get(0);
            if (b == 0 || b == '\n') {
                break;
            }
            if (line.size() >= MAX_REPLY) {
                throw new IOException("clamd reply longer than " + MAX_REPLY + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            idle.forEach(Session::close);
            idle.clear();
        }
    }

    /** One IDSESSION connection; used by one caller at a time. */
    private final class Session {
        final SocketChannel channel;
        long lastUsed = System.nanoTime();
        int nextId = 1;

        Session(SocketChannel channel) {
            this.channel = channel;
        }

        void start() throws IOException {
            withDeadline(channel, readTimeout, () -> {
                write(channel, "zIDSESSION\0".getBytes(StandardCharsets.US_ASCII));
                return null;
            });
        }

        ClamdReply instream(Content content) throws IOException {
            int id = nextId++;
            String line = withDeadline(channel, readTimeout, () -> {
                write(channel, "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer chunk = ByteBuffer.allocate(4 + chunkSize);
                try (InputStream in = content.open()) {
                    while (true) {
                        int n = in.readNBytes(chunk.array(), 4, chunkSize);
                        if (n <= 0) {
                            break;
                        }
                        chunk.clear();
                        chunk.putInt(0, n);
                        chunk.limit(4 + n);
                        while (chunk.hasRemaining()) {
                            channel.write(chunk);
                        }
                    }
                    write(channel, new byte[4]);
                } catch (IOException sending) {
                    // clamd answers a stream beyond StreamMaxLength with an ERROR and closes: read it
                    try {
                        return readReply(channel);
                    } catch (IOException noReply) {
                        throw sending;
                    }
                }
                return readReply(channel);
            });
            String prefix = id + ": ";
            if (!line.startsWith(prefix)) {
                // an ERROR about the session itself carries no id
                return ClamdReply.parse(line).kind() == ClamdReply.Kind.ERROR ? ClamdReply.parse(line)
                        : new ClamdReply(ClamdReply.Kind.ERROR, "reply for another command: " + line);
            }
            return ClamdReply.parse(line.substring(prefix.length()));
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with a broken session
            }
        }
    }
}
