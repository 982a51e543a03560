package io.bulwark.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/** A next hop for tests: a SubEthaSMTP server that records what it receives and refuses on demand. */
public final class SinkServer implements AutoCloseable {
    /** One received message. */
    public record Received(String sender, List<String> recipients, byte[] data) {
        public String text() {
            return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final List<Received> messages = new CopyOnWriteArrayList<>();
    /** Recipient to refusal, e.g. "550 5.1.1 no such user". */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final SMTPServer server;

    private SinkServer(int port) {
        server = SMTPServer.port(port)
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .hostName("sink.test")
                .insertReceivedHeaders(false)
                .messageHandlerFactory(context -> new MessageHandler() {
                    private String from;
                    private final List<String> to = new ArrayList<>();

                    @Override
                    public void from(String sender) {
                        from = sender;
                    }

                    @Override
                    public void recipient(String recipient) throws RejectException {
                        String refusal = refusals.get(recipient);
                        if (refusal != null) {
                            throw new RejectException(Integer.parseInt(refusal.substring(0, 3)), refusal.substring(4));
                        }
                        to.add(recipient);
                    }

                    @Override
                    public String data(InputStream data) throws IOException {
                        messages.add(new Received(from, List.copyOf(to), data.readAllBytes()));
                        return null;
                    }

                    @Override
                    public void done() {
                    }
                })
                .build();
    }

    /** Starts a sink on {@code port} (0 for any). */
    public static SinkServer start(int port) {
        SinkServer sink = new SinkServer(port);
        sink.server.start();
        return sink;
    }

    public SinkServer refuse(String recipient, String reply) {
        refusals.put(recipient, reply);
        return this;
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop();
    }
}
