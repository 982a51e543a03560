package io.bulwark.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * SMTP load generator: N concurrent sessions on virtual threads, each an SMTP client that sends
 * corpus messages (EHLO, then MAIL/RCPT/DATA, pipelined when the server offers PIPELINING),
 * until a fixed count has been sent or a duration has passed, whichever comes first.
 *
 * <p>Per message it records the latency from the moment the end-of-data dot has been written
 * to the final reply (what the sender waits for its 250: the server's scanning and spooling
 * time), and, separately, the whole transaction from MAIL FROM to that reply. Replies are
 * counted by class; connection failures are counted and the session reconnects.
 *
 * <p>Command line:
 * {@code LoadGenerator --host 127.0.0.1 --port N --sessions N (--messages N | --duration 30s)
 * --corpus DIR [--from a@b] [--to-domain example.com] [--pipelining auto|off]
 * [--per-session 1] [--offset 0] [--timeout 10m] [--label X] [--out results.jsonl]}
 */
public final class LoadGenerator {
    /** Hard cap so that a duration-only run is still bounded in count. */
    public static final long MAX_MESSAGES = 10_000_000L;

    /** What to run. */
    public record Config(String host, int port, int sessions, long messages, Duration duration, Duration timeout,
                         String from, String toDomain, boolean pipelining, int perSession) {
        public Config {
            Cli.loopback(host);
            if (sessions < 1 || sessions > 100_000) {
                throw new IllegalArgumentException("sessions must be 1..100000");
            }
            if (messages < 1 || messages > MAX_MESSAGES) {
                throw new IllegalArgumentException("messages must be 1.." + MAX_MESSAGES);
            }
            if (perSession < 1) {
                throw new IllegalArgumentException("per-session must be >= 1");
            }
        }

        /** A count-bounded run with the defaults of the harness. */
        public static Config count(String host, int port, int sessions, long messages) {
            return new Config(host, port, sessions, messages, null, Duration.ofMinutes(10),
                    "loadgen@bench.example", "example.com", true, 1);
        }
    }

    /** Outcome of one run; latencies are in microseconds. */
    public record Result(long attempted, long ok, Map<String, Long> outcomes, long bytes, double wallSeconds,
                         Histogram dotToReply, Histogram transaction, int sessionsWithPipelining, String lastError) {
        /** Messages answered 2xx per second of wall time, client side. */
        public double msgsPerSecond() {
            return wallSeconds > 0 ? ok / wallSeconds : 0;
        }

        /** Flat map for the JSON lines of the harness. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("attempted", attempted);
            m.put("ok", ok);
            m.put("outcomes", new TreeMap<>(outcomes));
            m.put("bytes", bytes);
            m.put("client_wall_s", round(wallSeconds, 3));
            m.put("client_msgs_per_s", round(msgsPerSecond(), 2));
            m.put("lat_ms", percentiles(dotToReply));
            m.put("txn_ms", percentiles(transaction));
            m.put("sessions_with_pipelining", sessionsWithPipelining);
            if (lastError != null) {
                m.put("last_error", lastError);
            }
            return m;
        }
    }

    private final Config config;
    private final Corpus corpus;
    private final AtomicLong next = new AtomicLong();
    private final LongAdder ok = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder pipeliners = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final InetAddress address;
    private volatile String lastError;
    private long deadlineNanos;
    private long hardStopNanos;

    /** Prepares a run of {@code config} over {@code corpus}. */
    public LoadGenerator(Config config, Corpus corpus) {
        this.config = config;
        this.corpus = corpus;
        this.address = Cli.loopback(config.host());
    }

    /** Runs the sessions to completion and returns the merged measurements. */
    public Result run() throws InterruptedException {
        long start = System.nanoTime();
        deadlineNanos = config.duration() == null ? Long.MAX_VALUE : start + config.duration().toNanos();
        hardStopNanos = start + config.timeout().toNanos();
        List<Histogram> lat = new ArrayList<>();
        List<Histogram> txn = new ArrayList<>();
        List<Thread> threads = new ArrayList<>(config.sessions());
        for (int s = 0; s < config.sessions(); s++) {
            Histogram l = histogram();
            Histogram t = histogram();
            lat.add(l);
            txn.add(t);
            threads.add(Thread.ofVirtual().name("loadgen-" + s).start(() -> session(l, t)));
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Histogram allLat = histogram();
        Histogram allTxn = histogram();
        lat.forEach(allLat::add);
        txn.forEach(allTxn::add);
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        long attempted = Math.min(next.get(), config.messages());
        return new Result(attempted, ok.sum(), out, bytes.sum(), wall, allLat, allTxn,
                (int) pipeliners.sum(), lastError);
    }

    private static Histogram histogram() {
        // microseconds up to one hour, 3 significant digits
        return new Histogram(3_600_000_000L, 3);
    }

    private boolean more() {
        long now = System.nanoTime();
        return next.get() < config.messages() && now < deadlineNanos && now < hardStopNanos;
    }

    private void count(String key) {
        outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private void session(Histogram lat, Histogram txn) {
        boolean counted = false;
        // One read buffer per session, not per connection, and a small write buffer: with a new
        // connection per message, 500 sessions kept 80 KB of buffers per message alive for the
        // seconds a message waits, long enough to outlive young collections, and the load
        // generator's CPU per message doubled against 20 sessions, taken from the system under
        // test on the same cores (docs/benchmarks.md, nineteenth session). A message's bytes
        // still go to the socket in one write (when larger than the buffer, without a copy).
        byte[] readBuffer = SmtpIo.newBuffer();
        while (more()) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, config.port()), 30_000);
                // A stuck server must not hang the run forever: every read is bounded.
                socket.setSoTimeout(120_000);
                SmtpIo in = new SmtpIo(socket.getInputStream(), readBuffer);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024);
                SmtpIo.Reply greeting = in.readReply();
                if (greeting.code() != 220) {
                    count("greeting_" + greeting.code() / 100 + "xx");
                    backoff();
                    continue;
                }
                SmtpIo.writeLine(out, "EHLO loadgen.bench.example");
                out.flush();
                SmtpIo.Reply ehlo = in.readReply();
                if (ehlo.code() != 250) {
                    count("ehlo_" + ehlo.code() / 100 + "xx");
                    backoff();
                    continue;
                }
                boolean pipe = config.pipelining() && ehlo.offers("PIPELINING");
                if (pipe && !counted) {
                    pipeliners.increment();
                    counted = true;
                }
                for (int k = 0; k < config.perSession(); k++) {
                    if (!more()) {
                        break;
                    }
                    long i = next.getAndIncrement();
                    if (i >= config.messages()) {
                        break;
                    }
                    if (!transaction(i, in, out, pipe, lat, txn)) {
                        break;
                    }
                }
                SmtpIo.writeLine(out, "QUIT");
                out.flush();
                try {
                    in.readReply();
                } catch (IOException e) {
                    // Some servers close right after QUIT without a reply; nothing lost.
                }
            } catch (IOException e) {
                count("io_error");
                lastError = e.toString();
                backoff();
            }
        }
    }

    /** One MAIL/RCPT/DATA exchange; false when the connection is no longer usable. */
    private boolean transaction(long i, SmtpIo in, OutputStream out, boolean pipe, Histogram lat, Histogram txn)
            throws IOException {
        Corpus.Message msg = corpus.get(i);
        String rcpt = "rcpt" + (i % 100) + "@" + config.toDomain();
        long t0 = System.nanoTime();
        SmtpIo.writeLine(out, "MAIL FROM:<" + config.from() + ">");
        SmtpIo.Reply mail;
        SmtpIo.Reply rcptReply;
        SmtpIo.Reply data;
        if (pipe) {
            // RFC 2920: MAIL, RCPT and DATA go in one write; DATA is the last command of the group.
            SmtpIo.writeLine(out, "RCPT TO:<" + rcpt + ">");
            SmtpIo.writeLine(out, "DATA");
            out.flush();
            mail = in.readReply();
            rcptReply = in.readReply();
            data = in.readReply();
        } else {
            out.flush();
            mail = in.readReply();
            if (mail.code() / 100 != 2) {
                return envelopeRejected("mail", mail, in, out);
            }
            SmtpIo.writeLine(out, "RCPT TO:<" + rcpt + ">");
            out.flush();
            rcptReply = in.readReply();
            if (rcptReply.code() / 100 != 2) {
                return envelopeRejected("rcpt", rcptReply, in, out);
            }
            SmtpIo.writeLine(out, "DATA");
            out.flush();
            data = in.readReply();
        }
        if (mail.code() / 100 != 2 || rcptReply.code() / 100 != 2) {
            String which = mail.code() / 100 != 2 ? "mail" : "rcpt";
            if (data.code() == 354) {
                // The server accepted DATA although the envelope failed: close the empty body.
                out.write(".\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                in.readReply();
            }
            return envelopeRejected(which, mail.code() / 100 != 2 ? mail : rcptReply, in, out);
        }
        if (data.code() != 354) {
            count("data_" + data.code() / 100 + "xx");
            return data.code() != 421 && (data.code() / 100 == 4 || data.code() / 100 == 5);
        }
        out.write(msg.wire());
        out.flush();
        long dot = System.nanoTime();
        SmtpIo.Reply fin = in.readReply();
        long end = System.nanoTime();
        lat.recordValue(Math.max(0, (end - dot) / 1000));
        txn.recordValue(Math.max(0, (end - t0) / 1000));
        count(fin.code() / 100 + "xx");
        if (fin.code() / 100 == 2) {
            ok.increment();
            bytes.add(msg.wire().length);
        }
        return fin.code() != 421;
    }

    private boolean envelopeRejected(String which, SmtpIo.Reply r, SmtpIo in, OutputStream out) throws IOException {
        count(which + "_" + r.code() / 100 + "xx");
        if (r.code() == 421) {
            return false;
        }
        SmtpIo.writeLine(out, "RSET");
        out.flush();
        return in.readReply().code() == 250;
    }

    private void backoff() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return m;
        }
        m.put("count", h.getTotalCount());
        for (double p : new double[] {50, 90, 95, 99, 99.9}) {
            m.put("p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)),
                    round(h.getValueAtPercentile(p) / 1000.0, 3));
        }
        m.put("max", round(h.getMaxValue() / 1000.0, 3));
        m.put("mean", round(h.getMean() / 1000.0, 3));
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Command-line entry point; prints one JSON object and appends it to {@code --out} if given. */
    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse(args);
        Duration duration = cli.has("duration") ? cli.getDuration("duration", null) : null;
        long messages = cli.has("messages") ? Long.parseLong(cli.get("messages", "0")) : MAX_MESSAGES;
        if (duration == null && !cli.has("messages")) {
            throw new IllegalArgumentException("give --messages N or --duration 30s");
        }
        Duration timeout = cli.getDuration("timeout",
                duration == null ? Duration.ofMinutes(10) : duration.plusSeconds(60));
        String pipelining = cli.get("pipelining", "auto");
        Config config = new Config(cli.get("host", "127.0.0.1"), Integer.parseInt(cli.require("port")),
                cli.getInt("sessions", 20), messages, duration, timeout, cli.get("from", "loadgen@bench.example"),
                cli.get("to-domain", "example.com"), !"off".equals(pipelining), cli.getInt("per-session", 1));
        int window = (int) Math.min(messages, cli.getInt("corpus-limit", 5000));
        Corpus corpus = Corpus.load(Path.of(cli.require("corpus")), Long.parseLong(cli.get("offset", "0")), window);
        Result r = new LoadGenerator(config, corpus).run();
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("type", "loadgen");
        rec.put("label", cli.get("label", ""));
        rec.put("port", config.port());
        rec.put("sessions", config.sessions());
        rec.putAll(r.toMap());
        String line = Json.write(rec);
        System.out.println(line);
        if (cli.has("out")) {
            Json.append(Path.of(cli.get("out", null)), rec);
        }
    }
}
