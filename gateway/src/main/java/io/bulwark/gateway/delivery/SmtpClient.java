package io.bulwark.gateway.delivery;

import io.bulwark.events.message.DeliveryTls;
import io.bulwark.gateway.routing.TlsPolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP client that relays spooled messages to a next hop (RFC 5321): EHLO (HELO as fallback),
 * STARTTLS under the destination's {@link TlsPolicy} (RFC 3207), MAIL FROM with SIZE/BODY when
 * offered, one RCPT per recipient, DATA; also the recipient verification probe.
 *
 * <p>Why our own rather than Jakarta Mail's transport: we must relay the spooled bytes exactly
 * (Jakarta Mail re-encodes a parsed MimeMessage, which breaks DKIM signatures and hashes), we need
 * every recipient's own reply, the TLS outcome of each connection, and connection reuse. The client
 * never emits a bare CR or LF ({@link SmtpDataOutputStream}).
 *
 * <p>Connection reuse (Postfix's connection cache): after a transaction the connection is kept for
 * {@code cacheTime} and handed to the next transaction for the same address, host name and policy,
 * which first sends RSET to check it is alive (a dead one is replaced transparently). At most
 * {@code reuseLimit} transactions per connection. A daemon thread closes idle connections (QUIT).
 *
 * <p>Timeouts follow RFC 5321 4.5.3.2 in spirit: one for the TCP connect, one per command reply,
 * a longer one for the reply to the end of data. Thread-safe: a connection is used by one thread at
 * a time; the cache is synchronised.
 */
public final class SmtpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpClient.class);
    private static final int MAX_LINE = 8192;
    private static final int MAX_LINES = 200;

    private final String heloName;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration dataTimeout;
    private final OutboundTls tls;
    private final Duration cacheTime;
    private final int reuseLimit;
    private final Clock clock;
    private final Map<Key, Deque<Connection>> idle = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private long connectionsOpened;

    /**
     * @param tls        STARTTLS support, or null for a client that never encrypts
     * @param cacheTime  how long an idle connection is kept; zero disables reuse
     * @param reuseLimit most transactions per connection
     */
    public SmtpClient(String heloName, Duration connectTimeout, Duration commandTimeout, Duration dataTimeout,
            OutboundTls tls, Duration cacheTime, int reuseLimit, Clock clock) {
        this.heloName = heloName;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        this.dataTimeout = dataTimeout;
        this.tls = tls;
        this.cacheTime = cacheTime;
        this.reuseLimit = reuseLimit;
        this.clock = clock;
        if (cacheTime.isZero()) {
            sweeper = null;
        } else {
            sweeper = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("bulwark-smtp-client-cache").daemon(true).factory());
            long period = Math.max(100, cacheTime.toMillis() / 2);
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** What to send. */
    public record Envelope(String sender, List<String> recipients, long sizeBytes, boolean eightBit, Path body,
            byte[] insertedHeader, long insertAt, byte[] prefix) {

        /** A message sent as the file with {@code insertedHeader} inserted at {@code insertAt}. */
        public Envelope(String sender, List<String> recipients, long sizeBytes, boolean eightBit, Path body,
                byte[] insertedHeader, long insertAt) {
            this(sender, recipients, sizeBytes, eightBit, body, insertedHeader, insertAt, null);
        }

        /**
         * The same message with {@code lines} sent before all of it (a {@code DKIM-Signature} field
         * made over exactly the rest); its size grows by theirs.
         */
        public Envelope withPrefix(byte[] lines) {
            return new Envelope(sender, recipients, sizeBytes + lines.length, eightBit, body, insertedHeader, insertAt,
                    lines);
        }

        /** A message sent as the file alone. */
        public Envelope(String sender, List<String> recipients, long sizeBytes, boolean eightBit, Path body) {
            this(sender, recipients, sizeBytes, eightBit, body, null, 0);
        }
    }

    /** Where to send it: the address, the name to verify its certificate against, the TLS policy. */
    public record Destination(InetSocketAddress address, String host, TlsPolicy policy) {
    }

    /**
     * The outcome of a transaction that got as far as the recipients.
     *
     * @param recipientReplies the reply to each RCPT, in order
     * @param dataReply        the reply to DATA (if not 354) or to the end of data, or null when no
     *                         recipient was accepted
     * @param tls              the connection's transport security
     */
    public record Result(Map<String, SmtpReply> recipientReplies, SmtpReply dataReply, DeliveryTls tls) {
    }

    /**
     * The session failed before any recipient was tried: the greeting, EHLO/HELO or MAIL was
     * refused, or the destination's TLS policy could not be met.
     */
    public static final class SessionFailure extends Exception {
        private final String stage;
        private final String description;
        private final boolean permanent;
        private final DeliveryTls tls;

        SessionFailure(String stage, SmtpReply reply, DeliveryTls tls) {
            this(stage, reply.toString(), reply.isPermanent(), tls);
        }

        SessionFailure(String stage, String description, boolean permanent, DeliveryTls tls) {
            super(stage + ": " + description);
            this.stage = stage;
            this.description = description;
            this.permanent = permanent;
            this.tls = tls;
        }

        /** GREETING, EHLO, STARTTLS or MAIL. */
        public String stage() {
            return stage;
        }

        /** The next hop's reply, or our description with an RFC 3463 code (TLS policy failures). */
        public String description() {
            return description;
        }

        /** Whether retrying cannot help (a 5xx reply). TLS policy failures are never permanent. */
        public boolean permanent() {
            return permanent;
        }

        /** The transport security when the failure happened, or null. */
        public DeliveryTls tls() {
            return tls;
        }
    }

    /**
     * Runs one transaction, on a cached connection when one is available.
     *
     * @throws IOException     when the connection fails or breaks (the outcome is unknown)
     * @throws SessionFailure  when the session fails before RCPT
     */
    public Result send(Destination destination, Envelope envelope) throws IOException, SessionFailure {
        Connection connection = reuse(destination);
        if (connection == null) {
            connection = open(destination);
        }
        boolean keep = false;
        boolean broken = true;
        try {
            Result result = transaction(connection, envelope);
            keep = true;
            broken = false;
            return result;
        } catch (SessionFailure f) {
            keep = f.stage().equals("MAIL"); // the session itself is fine after a refused MAIL
            broken = false;
            throw f;
        } finally {
            release(connection, keep, broken);
        }
    }

    /**
     * A recipient verification probe: {@code MAIL FROM:<>} and {@code RCPT TO}, never DATA, on a
     * fresh connection that is closed afterwards.
     *
     * @return the reply to RCPT
     */
    public SmtpReply probe(Destination destination, String recipient) throws IOException, SessionFailure {
        Connection connection = open(destination);
        try {
            command(connection, "MAIL FROM:<>");
            SmtpReply mail = readReply(connection.in);
            if (!mail.isPositive()) {
                throw new SessionFailure("MAIL", mail, connection.tls);
            }
            command(connection, "RCPT TO:<" + recipient + ">");
            return readReply(connection.in);
        } finally {
            connection.quit();
        }
    }

    /** How many TCP connections this client has opened (for tests and metrics). */
    public synchronized long connectionsOpened() {
        return connectionsOpened;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        List<Connection> all = new ArrayList<>();
        synchronized (this) {
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(Connection::quit);
    }

    private record Key(InetSocketAddress address, String host, TlsPolicy policy) {
    }

    /** One open SMTP session with a next hop. */
    private final class Connection {
        private final Key key;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private Set<String> extensions = Set.of();
        private DeliveryTls tls;
        private int transactions;
        private Instant idleSince;

        Connection(Key key) {
            this.key = key;
        }

        void streams(Socket s) throws IOException {
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = new BufferedOutputStream(s.getOutputStream());
        }

        /** QUIT, ignoring failures: nothing depends on the reply. */
        void quit() {
            try {
                socket.setSoTimeout((int) Math.min(commandTimeout.toMillis(), 10_000));
                command(this, "QUIT");
                readReply(in);
            } catch (IOException e) {
                // The server may close first.
            } finally {
                closeQuietly();
            }
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    private Connection reuse(Destination destination) {
        Key key = new Key(destination.address(), destination.host(), destination.policy());
        while (true) {
            Connection connection;
            synchronized (this) {
                Deque<Connection> queue = idle.get(key);
                connection = queue == null ? null : queue.pollFirst();
                if (queue != null && queue.isEmpty()) {
                    idle.remove(key);
                }
            }
            if (connection == null) {
                return null;
            }
            try {
                connection.socket.setSoTimeout((int) commandTimeout.toMillis());
                command(connection, "RSET");
                if (readReply(connection.in).isPositive()) {
                    return connection;
                }
            } catch (IOException e) {
                log.debug("cached connection to {} is gone: {}", key.address(), e.toString());
            }
            connection.closeQuietly();
        }
    }

    private void release(Connection connection, boolean keep, boolean broken) {
        connection.transactions++;
        if (broken) {
            connection.closeQuietly(); // the dialogue is out of step: QUIT could only time out
            return;
        }
        if (keep && sweeper != null && connection.transactions < reuseLimit && !connection.socket.isClosed()) {
            connection.idleSince = clock.instant();
            synchronized (this) {
                idle.computeIfAbsent(connection.key, k -> new ArrayDeque<>()).addLast(connection);
            }
            return;
        }
        connection.quit();
    }

    private void sweep() {
        Instant limit = clock.instant().minus(cacheTime);
        List<Connection> expired = new ArrayList<>();
        synchronized (this) {
            for (Deque<Connection> queue : idle.values()) {
                queue.removeIf(c -> {
                    boolean old = !c.idleSince.isAfter(limit);
                    if (old) {
                        expired.add(c);
                    }
                    return old;
                });
            }
            idle.values().removeIf(Deque::isEmpty);
        }
        expired.forEach(Connection::quit);
    }

    /** Connects, reads the greeting, says EHLO and applies the TLS policy. */
    private Connection open(Destination destination) throws IOException, SessionFailure {
        TlsPolicy policy = tls == null ? TlsPolicy.NONE : destination.policy();
        Connection connection = connect(destination, policy);
        if (policy == TlsPolicy.NONE || !connection.extensions.contains("STARTTLS")) {
            if (policy.mandatory()) {
                connection.quit();
                throw new SessionFailure("STARTTLS", "4.7.4 TLS is required, but was not offered by host "
                        + destination.host(), false, DeliveryTls.plain(policy.label()));
            }
            connection.tls = DeliveryTls.plain(policy.label());
            return connection;
        }
        command(connection, "STARTTLS");
        SmtpReply reply = readReply(connection.in);
        if (reply.code() != 220) {
            if (policy.mandatory()) {
                connection.quit();
                throw new SessionFailure("STARTTLS", "4.7.5 host " + destination.host()
                        + " refused to start TLS: " + reply, false, DeliveryTls.plain(policy.label()));
            }
            connection.tls = DeliveryTls.plain(policy.label());
            return connection;
        }
        OutboundTls.Handshake handshake;
        try {
            handshake = tls.handshake(connection.socket, destination.host(), destination.address().getPort(),
                    policy);
        } catch (OutboundTls.VerificationFailure e) {
            connection.closeQuietly();
            throw new SessionFailure("STARTTLS", "4.7.5 Server certificate not verified: " + e.getMessage(), false,
                    DeliveryTls.plain(policy.label()));
        } catch (IOException e) {
            connection.closeQuietly();
            if (policy.mandatory()) {
                throw new SessionFailure("STARTTLS", "4.7.5 Cannot start TLS: handshake failure: " + e.getMessage(),
                        false, DeliveryTls.plain(policy.label()));
            }
            // Opportunistic: a failed handshake must not stop the mail; retry in plain text, as Postfix does.
            log.info("TLS handshake with {} failed ({}); retrying without TLS", destination.address(), e.getMessage());
            Connection plain = connect(destination, policy);
            plain.tls = DeliveryTls.plain(policy.label());
            return plain;
        }
        connection.streams(handshake.socket());
        connection.tls = new DeliveryTls(policy.label(), handshake.socket().getSession().getProtocol(),
                handshake.socket().getSession().getCipherSuite(), handshake.verified());
        // RFC 3207 4.2: discard what the server said before TLS and say EHLO again.
        connection.extensions = ehlo(connection, true);
        return connection;
    }

    private Connection connect(Destination destination, TlsPolicy policy) throws IOException, SessionFailure {
        Connection connection = new Connection(new Key(destination.address(), destination.host(), policy));
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(destination.address(), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) commandTimeout.toMillis());
            connection.streams(socket);
            synchronized (this) {
                connectionsOpened++;
            }
            SmtpReply greeting = readReply(connection.in);
            if (!greeting.isPositive()) {
                connection.quit();
                throw new SessionFailure("GREETING", greeting, null);
            }
            connection.extensions = ehlo(connection, false);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Set<String> ehlo(Connection connection, boolean afterTls) throws IOException, SessionFailure {
        command(connection, "EHLO " + heloName);
        SmtpReply ehlo = readReply(connection.in);
        Set<String> extensions = new TreeSet<>();
        if (ehlo.isPositive()) {
            for (String line : ehlo.lines().subList(Math.min(1, ehlo.lines().size()), ehlo.lines().size())) {
                extensions.add(line.trim().toUpperCase(Locale.ROOT));
            }
            return extensions;
        }
        if (afterTls) {
            connection.quit();
            throw new SessionFailure("EHLO", ehlo, connection.tls);
        }
        command(connection, "HELO " + heloName);
        SmtpReply helo = readReply(connection.in);
        if (!helo.isPositive()) {
            connection.quit();
            throw new SessionFailure("EHLO", helo, null);
        }
        return extensions;
    }

    private Result transaction(Connection connection, Envelope envelope) throws IOException, SessionFailure {
        connection.socket.setSoTimeout((int) commandTimeout.toMillis());
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(envelope.sender()).append('>');
        if (connection.extensions.stream().anyMatch(e -> e.equals("SIZE") || e.startsWith("SIZE "))) {
            mail.append(" SIZE=").append(envelope.sizeBytes());
        }
        if (envelope.eightBit() && connection.extensions.contains("8BITMIME")) {
            mail.append(" BODY=8BITMIME");
        }
        command(connection, mail.toString());
        SmtpReply mailReply = readReply(connection.in);
        if (!mailReply.isPositive()) {
            throw new SessionFailure("MAIL", mailReply, connection.tls);
        }
        Map<String, SmtpReply> replies = new LinkedHashMap<>();
        for (String recipient : envelope.recipients()) {
            command(connection, "RCPT TO:<" + recipient + ">");
            replies.put(recipient, readReply(connection.in));
        }
        if (replies.values().stream().noneMatch(SmtpReply::isPositive)) {
            return new Result(replies, null, connection.tls);
        }
        command(connection, "DATA");
        SmtpReply dataStart = readReply(connection.in);
        if (dataStart.code() != 354) {
            return new Result(replies, dataStart, connection.tls);
        }
        SmtpDataOutputStream data = new SmtpDataOutputStream(connection.out);
        try (InputStream body = new BufferedInputStream(io.bulwark.gateway.spool.Spool.openBody(envelope.body()), 64 * 1024)) {
            if (envelope.prefix() != null) {
                data.write(envelope.prefix());
            }
            if (envelope.insertedHeader() != null) {
                // Lines the policy added, sent inside the spooled file instead of from a copy of it.
                byte[] head = body.readNBytes((int) envelope.insertAt());
                data.write(head);
                data.write(envelope.insertedHeader());
            }
            body.transferTo(data);
        }
        data.finish();
        connection.socket.setSoTimeout((int) dataTimeout.toMillis());
        SmtpReply dataReply = readReply(connection.in);
        connection.socket.setSoTimeout((int) commandTimeout.toMillis());
        return new Result(replies, dataReply, connection.tls);
    }

    private static void command(Connection connection, String line) throws IOException {
        // Commands carry no CR or LF of their own: addresses were checked when received.
        connection.out.write(line.getBytes(StandardCharsets.UTF_8));
        connection.out.write('\r');
        connection.out.write('\n');
        connection.out.flush();
    }

    static SmtpReply readReply(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            int code = Integer.parseInt(line.substring(0, 3));
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (!more) {
                return new SmtpReply(code, lines);
            }
            if (lines.size() >= MAX_LINES) {
                throw new IOException("SMTP reply longer than " + MAX_LINES + " lines");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("SMTP reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        throw new EOFException("connection closed by the next hop");
    }
}
