package io.bulwark.gateway.smtp;

import io.bulwark.gateway.routing.Cidr;
import io.bulwark.gateway.tls.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The SMTP listener as a Spring {@link SmartLifecycle}: bound when the context starts, closed when
 * it stops. One virtual thread per session ({@link SmtpSession}), so thousands of slow clients cost
 * little memory and a blocking spool write does not pin a platform thread.
 *
 * <p>Connection limits are decided at accept time, before the greeting: more than
 * {@code maxConnections} sessions in total, more than {@code maxConnectionsPerClient} from one
 * address, or more than {@code maxConnectionsPerNetwork} from one IPv4 /24 or IPv6 /64 (so one
 * host with many addresses cannot fill the listener; clients in mynetworks exempt, as Postfix's
 * anvil exempts them), get {@code 421 4.7.0} and are closed; they still cost a virtual thread for
 * the one reply, never the accept loop's time. From {@link SlowClientPolicy#stressPercent()} of
 * {@code maxConnections} open, the listener is under stress and every session's deadlines shrink
 * to the stress timeout (Postfix's {@code ${stress?...}}), so idle and slow sessions make room.
 *
 * <p>Starts after and stops before the delivery scheduler (see {@link #PHASE}), so no accepted
 * message ever waits for a scheduler that is not running. On stop the socket closes, idle sessions
 * are closed at once, sessions in the middle of a command (DATA) get {@value #STOP_GRACE_SECONDS}
 * seconds to finish their spool commit, then are cut.
 *
 * <p>Thread-safe. {@link #getPort()} gives the bound port, also when configured as 0.
 */
public final class SmtpServerLifecycle implements SmartLifecycle {
    /** After the delivery scheduler's phase: started later, stopped earlier. */
    public static final int PHASE = Integer.MAX_VALUE - 1000;
    private static final int STOP_GRACE_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(SmtpServerLifecycle.class);

    private final MailIntake intake;
    private final ServerTls tls;
    /** The settings a new session gets: read once per accepted connection. */
    private final Supplier<SessionSettings> settings;
    private final List<Cidr> bareNewlineExclusions;
    private final String bindAddress;
    private final int configuredPort;
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    /** Guards {@code open} and {@code perClient}; not the lifecycle monitor, which stop() holds while waiting. */
    private final Object counts = new Object();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private final Map<InetAddress, Integer> perNetwork = new HashMap<>();
    /** Sessions admitted and not yet ended; read without the lock by the sessions' stress checks. */
    private volatile int admitted;
    private ServerSocket serverSocket;
    private ExecutorService executor;
    private Thread acceptor;
    private int open;
    private volatile int port = -1;
    /** Receiving stopped by an administrator (queue control): the socket stays bound, sessions are refused. */
    private volatile boolean receivingPaused;

    /**
     * @param tls                   the listener's certificate, or null when STARTTLS is off
     * @param bareNewlineExclusions clients exempt from the bare-newline reject policy (mynetworks
     *                              is always exempt)
     */
    public SmtpServerLifecycle(MailIntake intake, ServerTls tls, SessionSettings settings,
            List<String> bareNewlineExclusions, String bindAddress, int port) {
        this(intake, tls, () -> settings, bareNewlineExclusions, bindAddress, port);
    }

    /**
     * A listener whose limits may change while it runs (the console's MTA and TLS settings): each
     * accepted connection is admitted and served with the settings {@code settings} gives then;
     * sessions already open keep theirs.
     */
    public SmtpServerLifecycle(MailIntake intake, ServerTls tls, Supplier<SessionSettings> settings,
            List<String> bareNewlineExclusions, String bindAddress, int port) {
        this.intake = intake;
        this.tls = tls;
        this.settings = settings;
        this.bareNewlineExclusions = bareNewlineExclusions.stream().map(Cidr::parse).toList();
        this.bindAddress = bindAddress;
        this.configuredPort = port;
    }

    @Override
    public synchronized void start() {
        if (serverSocket != null) {
            return;
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bulwark.smtp.bind-address is not an address: " + bindAddress, e);
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            // The listen queue holds what the acceptor has not taken yet: 500 senders connecting at
            // once overflowed a queue of 100 while both cores were busy, and the kernel then drops
            // handshakes that the clients retry after seconds (issue 19's 500-session runs). As deep
            // as the sessions we are willing to hold, within the kernel's usual cap.
            int backlog = Math.clamp(settings.get().maxConnections(), 100, 4096);
            socket.bind(new InetSocketAddress(bind, configuredPort), backlog);
            serverSocket = socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + bindAddress + ":" + configuredPort, e);
        }
        port = serverSocket.getLocalPort();
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulwark-smtp-", 0).factory());
        ServerSocket listening = serverSocket;
        acceptor = Thread.ofPlatform().name("bulwark-smtp-accept").daemon(true).start(() -> acceptLoop(listening));
        SessionSettings now = settings.get();
        log.info("SMTP listening on {}:{} as {} (STARTTLS {})", bindAddress, port, now.hostname(),
                tls == null ? "off" : now.tls().name().toLowerCase(java.util.Locale.ROOT));
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    log.warn("accept failed", e);
                }
                continue;
            }
            try {
                admit(socket);
            } catch (RuntimeException e) {
                log.error("cannot start a session for {}", socket.getInetAddress(), e);
                closeQuietly(socket);
            }
        }
    }

    private void admit(Socket socket) {
        InetAddress client = socket.getInetAddress();
        boolean trusted = intake.isTrusted(client);
        SessionSettings settings = this.settings.get();
        String refusal = null;
        InetAddress network = network(client);
        synchronized (counts) {
            int fromClient = perClient.getOrDefault(client, 0);
            int fromNetwork = perNetwork.getOrDefault(network, 0);
            if (receivingPaused) {
                // Temporary, so senders queue and retry (RFC 5321 4.2.5: 421 closes the channel).
                refusal = "421 4.3.2 " + settings.hostname() + " Service not available: receiving is stopped";
            } else if (open >= settings.maxConnections()) {
                refusal = "421 4.7.0 " + settings.hostname() + " Error: too many connections";
            } else if (!trusted && fromClient >= settings.maxConnectionsPerClient()) {
                refusal = "421 4.7.0 " + settings.hostname() + " Error: too many connections from "
                        + client.getHostAddress();
            } else if (!trusted && fromNetwork >= settings.slowClients().maxConnectionsPerNetwork()) {
                refusal = "421 4.7.0 " + settings.hostname() + " Error: too many connections from "
                        + network.getHostAddress() + "/" + prefix(client);
            }
            if (refusal == null) {
                open++;
                admitted = open;
                perClient.merge(client, 1, Integer::sum);
                perNetwork.merge(network, 1, Integer::sum);
            }
        }
        if (refusal != null) {
            log.info("refusing connection from {}: {}", client.getHostAddress(), refusal);
        }
        boolean counted = refusal == null;
        boolean exempt = trusted || bareNewlineExclusions.stream().anyMatch(c -> c.contains(client));
        SmtpSession[] holder = new SmtpSession[1];
        SmtpSession session = new SmtpSession(socket, intake, tls, settings, refusal, exempt, this::underStress, () -> {
            sessions.remove(holder[0]);
            if (counted) {
                released(client);
            }
        });
        holder[0] = session;
        sessions.add(session);
        try {
            executor.execute(session);
        } catch (RuntimeException e) {
            sessions.remove(session);
            if (counted) {
                released(client);
            }
            throw e;
        }
    }

    private void released(InetAddress client) {
        InetAddress network = network(client);
        synchronized (counts) {
            open--;
            admitted = open;
            perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            perNetwork.computeIfPresent(network, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Whether so many sessions are open that deadlines shrink to the stress timeout. */
    boolean underStress() {
        SessionSettings now = settings.get();
        return admitted * 100L >= (long) now.maxConnections() * now.slowClients().stressPercent();
    }

    private int prefix(InetAddress client) {
        return client instanceof java.net.Inet4Address ? settings.get().slowClients().ipv4Prefix()
                : settings.get().slowClients().ipv6Prefix();
    }

    /** The client's network: its address with the bits past the policy's prefix cleared. */
    private InetAddress network(InetAddress client) {
        byte[] bytes = client.getAddress();
        int bits = prefix(client);
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length is the client's own
        }
    }

    @Override
    public synchronized void stop() {
        if (serverSocket == null) {
            return;
        }
        closeQuietly(serverSocket);
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.forEach(SmtpSession::shutdown);
        executor.shutdown();
        try {
            // A session in DATA finishes its spool commit; idle ones were closed above.
            if (!executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                sessions.forEach(SmtpSession::kill);
                executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            sessions.forEach(SmtpSession::kill);
            Thread.currentThread().interrupt();
        }
        serverSocket = null;
        port = -1;
        log.info("SMTP listener stopped");
    }

    @Override
    public synchronized boolean isRunning() {
        return serverSocket != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The TCP port the listener is bound to, or -1 when it is not running. */
    public int getPort() {
        return port;
    }

    /**
     * Stops receiving: from now on every new connection gets {@code 421 4.3.2} before the greeting
     * and is closed; sessions already open carry on. The listener stays bound, so clients see a
     * temporary refusal rather than a dead port. May be called before {@link #start()}.
     */
    public void pauseReceiving() {
        receivingPaused = true;
    }

    /** Accepts sessions again. */
    public void resumeReceiving() {
        receivingPaused = false;
    }

    /** Whether receiving is stopped. */
    public boolean isReceivingPaused() {
        return receivingPaused;
    }

    /** Sessions currently open (served or being refused). */
    public int openSessions() {
        return sessions.size();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
