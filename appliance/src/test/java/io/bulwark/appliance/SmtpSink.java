package io.bulwark.appliance;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The next hop in end-to-end tests: a real SMTP server on loopback that keeps what it receives.
 * One delivered message per (transaction, recipient), as SubEthaSMTP's basic listener reports it.
 */
final class SmtpSink implements AutoCloseable {

    record Received(String from, String to, String data) {
        String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final SMTPServer server;

    private SmtpSink(int port) {
        this(port, 0);
    }

    private SmtpSink(int port, long delayMillis) {
        server = SMTPServer.port(port)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("sink.test")
                .insertReceivedHeaders(false)
                .messageHandler((ctx, from, to, data) -> {
                    if (delayMillis > 0) {
                        pause(delayMillis);   // a next hop that accepts slowly
                    }
                    received.add(new Received(from, to, new String(data, StandardCharsets.ISO_8859_1)));
                })
                .build();
        server.start();
    }

    static SmtpSink start() {
        return new SmtpSink(0);
    }

    static SmtpSink startOn(int port) {
        return new SmtpSink(port);
    }

    /** A next hop that takes {@code delayMillis} to accept each message. */
    static SmtpSink startSlowOn(int port, long delayMillis) {
        return new SmtpSink(port, delayMillis);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port that was free a moment ago, for a next hop that starts later. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getPortAllocated();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops the server; closing again does nothing (a test may take the next hop down early). */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            server.stop();
        }
    }
}
