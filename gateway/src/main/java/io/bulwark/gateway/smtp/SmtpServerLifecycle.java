package io.bulwark.gateway.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP listener (SubEthaSMTP) as a Spring {@link SmartLifecycle}: bound when the context
 * starts, closed when it stops. One virtual thread per session, so thousands of slow clients cost
 * little memory and a blocking spool write does not pin a platform thread.
 *
 * <p>The greeting is {@code 220 <hostname> ESMTP Bulwark}; the transaction commands are ours
 * ({@link BulwarkCommands}). Starts after and stops before the delivery scheduler (see
 * {@link #PHASE}), so no accepted message ever waits for a scheduler that is not running.
 *
 * <p>Thread-safe. {@link #getPort()} gives the bound port, also when configured as 0.
 */
public final class SmtpServerLifecycle implements SmartLifecycle {
    /** After the delivery scheduler's phase: started later, stopped earlier. */
    public static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final Logger log = LoggerFactory.getLogger(SmtpServerLifecycle.class);

    private final SmtpReceiver receiver;
    private final String hostname;
    private final String bindAddress;
    private final int configuredPort;
    private SMTPServer server;
    private ExecutorService sessions;
    private volatile int port = -1;

    public SmtpServerLifecycle(SmtpReceiver receiver, String hostname, String bindAddress, int port) {
        this.receiver = receiver;
        this.hostname = hostname;
        this.bindAddress = bindAddress;
        this.configuredPort = port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bulwark.smtp.bind-address is not an address: " + bindAddress, e);
        }
        sessions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulwark-smtp-", 0).factory());
        SMTPServer smtp = SMTPServer.port(configuredPort)
                .bindAddress(bind)
                .hostName(hostname)
                .softwareName("Bulwark")
                .messageHandlerFactory(receiver)
                .executorService(sessions)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, receiver.maxMessageSize()))
                .insertReceivedHeaders(false)
                .build();
        BulwarkCommands.install(smtp.getCommandHandler(), receiver.maxMessageSize());
        smtp.start();
        server = smtp;
        port = smtp.getPortAllocated();
        log.info("SMTP listening on {}:{} as {}", bindAddress, port, hostname);
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        sessions.shutdown();
        try {
            // A session in DATA finishes its spool commit; idle ones were closed by server.stop().
            if (!sessions.awaitTermination(10, TimeUnit.SECONDS)) {
                sessions.shutdownNow();
            }
        } catch (InterruptedException e) {
            sessions.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        port = -1;
        log.info("SMTP listener stopped");
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The TCP port the listener is bound to, or -1 when it is not running. */
    public int getPort() {
        return port;
    }
}
