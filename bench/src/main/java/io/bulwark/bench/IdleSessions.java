package io.bulwark.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many idle SMTP sessions a server holds: opens N connections (a bounded number of connects
 * in flight, so the listen backlog is not what is measured), waits for each greeting, holds all
 * of them silent for a while, then probes each with NOOP. A session counts as held when it was
 * greeted with 220 and still answers 250 after the hold.
 *
 * <p>Command line: {@code IdleSessions --host 127.0.0.1 --port N --sessions 10000 [--hold 20s]
 * [--connect-parallelism 200] [--out results.jsonl]}. The client needs one file descriptor per
 * session ({@code ulimit -n}).
 */
public final class IdleSessions {
    /** Outcome of one probe. */
    public record Result(int requested, int connected, int greeted, int held, double openSeconds,
                         Map<String, Long> failures) {
        /** Flat map for the JSON lines of the harness. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requested", requested);
            m.put("connected", connected);
            m.put("greeted", greeted);
            m.put("held", held);
            m.put("open_s", LoadGenerator.round(openSeconds, 3));
            m.put("failures", new TreeMap<>(failures));
            return m;
        }
    }

    private IdleSessions() {
    }

    /**
     * Runs one probe; {@code duringHold} runs once all sessions are open (the harness samples the
     * server's memory there). Bounded: at most 100,000 sessions and a 10-minute hold.
     */
    public static Result run(String host, int port, int sessions, Duration hold, int connectParallelism,
                             Runnable duringHold) throws InterruptedException {
        if (sessions < 1 || sessions > 100_000) {
            throw new IllegalArgumentException("sessions must be 1..100000");
        }
        if (hold.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("hold at most 10m");
        }
        InetAddress address = Cli.loopback(host);
        Semaphore connecting = new Semaphore(Math.max(1, connectParallelism));
        CountDownLatch opened = new CountDownLatch(sessions);
        CountDownLatch probe = new CountDownLatch(1);
        LongAdder connected = new LongAdder();
        LongAdder greeted = new LongAdder();
        LongAdder held = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            threads.add(Thread.ofVirtual().name("idle-" + i).start(() -> {
                Socket socket = new Socket();
                boolean ok = false;
                SmtpIo in = null;
                try {
                    connecting.acquire();
                    try {
                        socket.connect(new InetSocketAddress(address, port), 30_000);
                        connected.increment();
                        socket.setSoTimeout(60_000);
                        in = new SmtpIo(socket.getInputStream());
                        SmtpIo.Reply g = in.readReply();
                        if (g.code() == 220) {
                            greeted.increment();
                            ok = true;
                        } else {
                            fail(failures, "greeting_" + g.code());
                        }
                    } finally {
                        connecting.release();
                        opened.countDown();
                    }
                    if (ok) {
                        // Bounded wait: the hold plus generous slack for the opening phase.
                        if (!probe.await(hold.toMillis() + 15 * 60_000L, TimeUnit.MILLISECONDS)) {
                            fail(failures, "probe_timeout");
                            return;
                        }
                        OutputStream out = socket.getOutputStream();
                        SmtpIo.writeLine(out, "NOOP");
                        out.flush();
                        if (in.readReply().code() == 250) {
                            held.increment();
                        } else {
                            fail(failures, "noop_not_250");
                        }
                        SmtpIo.writeLine(out, "QUIT");
                        out.flush();
                    }
                } catch (IOException e) {
                    fail(failures, e.getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing an already broken socket
                    }
                }
            }));
        }
        opened.await(15, TimeUnit.MINUTES);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        if (duringHold != null) {
            duringHold.run();
        }
        Thread.sleep(hold.toMillis());
        probe.countDown();
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(2));
        }
        Map<String, Long> f = new TreeMap<>();
        failures.forEach((k, v) -> f.put(k, v.sum()));
        return new Result(sessions, (int) connected.sum(), (int) greeted.sum(), (int) held.sum(), openSeconds, f);
    }

    private static void fail(Map<String, LongAdder> failures, String key) {
        failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Command-line entry point; prints one JSON object and appends it to {@code --out} if given. */
    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse(args);
        Result r = run(cli.get("host", "127.0.0.1"), Integer.parseInt(cli.require("port")),
                cli.getInt("sessions", 1000), cli.getDuration("hold", Duration.ofSeconds(20)),
                cli.getInt("connect-parallelism", 200), null);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("type", "idle");
        rec.put("port", Integer.parseInt(cli.require("port")));
        rec.putAll(r.toMap());
        System.out.println(Json.write(rec));
        if (cli.has("out")) {
            Json.append(java.nio.file.Path.of(cli.get("out", null)), rec);
        }
    }
}
