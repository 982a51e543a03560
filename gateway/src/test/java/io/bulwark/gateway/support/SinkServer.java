package io.bulwark.gateway.support;

import io.bulwark.gateway.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A next hop for tests: a SubEthaSMTP server that records what it receives (with the TLS of the
 * session), counts connections and RCPTs, refuses on demand, can offer STARTTLS with a given
 * certificate, and can hold DATA until released (to observe concurrency).
 */
public final class SinkServer implements AutoCloseable {
    /** One received message. */
    public record Received(String sender, List<String> recipients, byte[] data, boolean tls) {
        public String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    private final List<Received> messages = new CopyOnWriteArrayList<>();
    /** Recipient to refusal, e.g. "550 5.1.1 no such user". */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rcpts = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inData = new AtomicInteger();
    private final AtomicInteger maxInData = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final SMTPServer server;

    private SinkServer(int port, TlsMaterial tls) {
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .hostName("sink.test")
                .insertReceivedHeaders(false)
                .sessionHandler(new SessionHandler() {
                    @Override
                    public SessionAcceptance accept(Session session) {
                        connections.incrementAndGet();
                        return SessionAcceptance.success();
                    }

                    @Override
                    public void onSessionEnd(Session session) {
                    }
                })
                .messageHandlerFactory(context -> new MessageHandler() {
                    private String from;
                    private final List<String> to = new ArrayList<>();

                    @Override
                    public void from(String sender) {
                        from = sender;
                    }

                    @Override
                    public void recipient(String recipient) throws RejectException {
                        rcpts.computeIfAbsent(recipient.toLowerCase(), k -> new AtomicInteger()).incrementAndGet();
                        String refusal = refusals.get(recipient);
                        if (refusal != null) {
                            throw new RejectException(Integer.parseInt(refusal.substring(0, 3)), refusal.substring(4));
                        }
                        to.add(recipient);
                    }

                    @Override
                    public String data(InputStream data) throws IOException {
                        int now = inData.incrementAndGet();
                        maxInData.accumulateAndGet(now, Math::max);
                        try {
                            byte[] bytes = data.readAllBytes();
                            if (!gate.await(30, TimeUnit.SECONDS)) {
                                throw new IOException("gate never opened");
                            }
                            boolean tls = context instanceof Session s && s.isTLSStarted();
                            messages.add(new Received(from, List.copyOf(to), bytes, tls));
                            return null;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        } finally {
                            inData.decrementAndGet();
                        }
                    }

                    @Override
                    public void done() {
                    }
                });
        if (tls != null) {
            builder.enableTLS(true).startTlsSocketFactory(context(tls));
        }
        server = builder.build();
    }

    /** Starts a plain-text sink on {@code port} (0 for any). */
    public static SinkServer start(int port) {
        SinkServer sink = new SinkServer(port, null);
        sink.server.start();
        return sink;
    }

    /** Starts a sink offering STARTTLS with {@code tls}. */
    public static SinkServer startTls(TlsMaterial tls) {
        SinkServer sink = new SinkServer(0, tls);
        sink.server.start();
        return sink;
    }

    public SinkServer refuse(String recipient, String reply) {
        refusals.put(recipient, reply);
        return this;
    }

    /** Holds every DATA until {@link #open()} is called. */
    public SinkServer hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> messages() {
        return List.copyOf(messages);
    }

    public int connections() {
        return connections.get();
    }

    public int rcptCount(String recipient) {
        AtomicInteger n = rcpts.get(recipient.toLowerCase());
        return n == null ? 0 : n.get();
    }

    public int inData() {
        return inData.get();
    }

    public int maxConcurrentData() {
        return maxInData.get();
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop();
    }

    private static SSLContext context(TlsMaterial material) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("sink", material.key(), new char[0],
                    material.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
