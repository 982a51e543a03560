package io.bulwark.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The final destination of every benchmark scenario: an SMTP server that accepts everything,
 * stores nothing and counts messages and bytes. It is deliberately cheap (one virtual thread
 * per connection, no per-line objects in DATA, replies flushed only when no pipelined input is
 * waiting) so that its cost does not blur the system under test, and its own CPU is reported
 * separately by the harness.
 *
 * <p>Besides the usual verbs it answers {@code XSTATS} with
 * {@code 250 messages=N bytes=N sessions=N}, which is how the harness counts end-to-end
 * deliveries of a relay without parsing logs.
 */
public final class SinkServer implements AutoCloseable {
    /** Counters as returned by {@code XSTATS}. */
    public record Stats(long messages, long bytes, long sessions) {
    }

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private SinkServer(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("sink-accept").start(this::acceptLoop);
    }

    /** Binds {@code bind:port} (port 0 picks a free one) and starts accepting. */
    public static SinkServer start(String bind, int port) throws IOException {
        InetAddress addr = Cli.loopback(bind);
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(addr, port), 4096);
        return new SinkServer(s);
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    /** Current counters. */
    public Stats stats() {
        return new Stats(messages.get(), bytes.get(), sessions.get());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket c = server.accept();
                workers.execute(() -> serve(c));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("sink: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        sessions.incrementAndGet();
        try (socket) {
            socket.setTcpNoDelay(true);
            SmtpIo in = new SmtpIo(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            SmtpIo.writeLine(out, "220 sink.bench.example ESMTP counting sink");
            out.flush();
            long queued = 0;
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> {
                        SmtpIo.writeLine(out, "250-sink.bench.example");
                        SmtpIo.writeLine(out, "250-PIPELINING");
                        SmtpIo.writeLine(out, "250-8BITMIME");
                        SmtpIo.writeLine(out, "250 SIZE 104857600");
                    }
                    case "HELO" -> SmtpIo.writeLine(out, "250 sink.bench.example");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> SmtpIo.writeLine(out, "250 2.0.0 Ok");
                    case "DATA" -> {
                        SmtpIo.writeLine(out, "354 End data with <CR><LF>.<CR><LF>");
                        out.flush();
                        long n = in.skipData();
                        if (n < 0) {
                            return;
                        }
                        bytes.addAndGet(n);
                        messages.incrementAndGet();
                        SmtpIo.writeLine(out, "250 2.0.0 Ok: queued as S" + (++queued));
                    }
                    case "QUIT" -> {
                        SmtpIo.writeLine(out, "221 2.0.0 Bye");
                        out.flush();
                        return;
                    }
                    case "XSTA" -> SmtpIo.writeLine(out, "250 messages=" + messages.get() + " bytes=" + bytes.get()
                            + " sessions=" + sessions.get());
                    default -> SmtpIo.writeLine(out, "502 5.5.2 Command not recognized");
                }
                // RFC 2920: a server may hold replies while more pipelined commands are waiting,
                // and must flush before it would block reading.
                if (!in.buffered()) {
                    out.flush();
                }
            }
        } catch (SocketException e) {
            // Peer reset: common when a client is killed mid-run; nothing to count.
        } catch (IOException e) {
            if (!closed) {
                System.err.println("sink: session failed: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        workers.shutdownNow();
        acceptor.interrupt();
    }

    /** Asks a running sink for its counters with {@code XSTATS}. */
    public static Stats query(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(Cli.loopback(host), port), 5000);
            s.setSoTimeout(10_000);
            SmtpIo in = new SmtpIo(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.readReply();
            SmtpIo.writeLine(out, "XSTATS");
            out.flush();
            SmtpIo.Reply r = in.readReply();
            if (r.code() != 250) {
                throw new IOException("not a bulwark-bench sink: " + r.lines());
            }
            long m = 0;
            long b = 0;
            long se = 0;
            for (String kv : r.lines().get(r.lines().size() - 1).substring(4).trim().split(" ")) {
                String[] p = kv.split("=", 2);
                switch (p[0]) {
                    case "messages" -> m = Long.parseLong(p[1]);
                    case "bytes" -> b = Long.parseLong(p[1]);
                    case "sessions" -> se = Long.parseLong(p[1]);
                    default -> {
                        // newer sinks may add counters; ignore them
                    }
                }
            }
            SmtpIo.writeLine(out, "QUIT");
            out.flush();
            return new Stats(m, b, se);
        }
    }

    /**
     * {@code SinkServer [--bind 127.0.0.1] [--port 2526] [--report-every 10s]}: runs until killed,
     * prints one JSON line when listening, optionally periodic counts, and the final counts on
     * SIGTERM.
     */
    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse(args);
        SinkServer sink = start(cli.get("bind", "127.0.0.1"), cli.getInt("port", 2526));
        System.out.println("{\"sink\":\"listening\",\"port\":" + sink.port() + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Stats s = sink.stats();
            System.out.println("{\"sink\":\"final\",\"messages\":" + s.messages() + ",\"bytes\":" + s.bytes()
                    + ",\"sessions\":" + s.sessions() + "}");
            System.out.flush();
        }));
        long every = cli.getDuration("report-every", java.time.Duration.ZERO).toMillis();
        while (true) {
            Thread.sleep(every > 0 ? every : 3_600_000);
            if (every > 0) {
                Stats s = sink.stats();
                System.out.println("{\"sink\":\"count\",\"messages\":" + s.messages() + ",\"bytes\":" + s.bytes() + "}");
                System.out.flush();
            }
        }
    }
}
