package io.bulwark.gateway.smtp;

import io.bulwark.gateway.tls.ServerTls;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP server session (RFC 5321) on one connection: greeting, EHLO/HELO, STARTTLS (RFC 3207),
 * MAIL/RCPT/DATA with SIZE (RFC 1870), 8BITMIME (RFC 6152), PIPELINING (RFC 2920) and
 * ENHANCEDSTATUSCODES (RFC 2034/3463: every reply carries one).
 *
 * <p>Protocol hygiene, modelled on Postfix's smtpd:
 * <ul>
 *   <li>Command lines end with CRLF only ({@link CommandLineReader}); a bare CR/LF makes one bad
 *       command ({@code 500 5.5.2}), or under the reject policy {@code 550 5.5.2} and disconnect.</li>
 *   <li>Unauthorised pipelining ({@code smtpd_forbid_unauth_pipelining}): input waiting behind a
 *       command before PIPELINING was advertised, behind a command that must end a group (EHLO,
 *       HELO, DATA, STARTTLS, BDAT, VRFY, EXPN, NOOP), or before the greeting, gets
 *       {@code 554 5.5.0} and a disconnect. This also stops the STARTTLS plain-text injection
 *       (CVE-2011-0411) and a DATA sent together with its content (smuggling case SM-22).</li>
 *   <li>Errors: every 4xx/5xx reply counts; beyond the soft limit each reply waits
 *       {@code errorSleepTime}; at the hard limit {@code 421 4.7.0} and disconnect. A message
 *       accepted resets the count.</li>
 *   <li>Timeouts are deadlines for a whole command line and a whole DATA phase, not per read, and
 *       DATA earns time at the minimum data rate; shorter under stress ({@link DeadlineInputStream},
 *       {@link SlowClientPolicy}; {@code 421 4.4.2}).</li>
 *   <li>HTTP and other non-SMTP first words ({@code GET}, {@code POST}, {@code CONNECT}, anything
 *       not starting with a letter) end the session at once, as Postfix's
 *       {@code smtpd_forbidden_commands} does.</li>
 * </ul>
 *
 * <p>No exception escapes {@link #run()}: a broken client costs its own session only, and a body
 * half-written to the spool is removed by the spool itself. Confined to its own (virtual) thread,
 * except {@link #shutdown()}, which may be called from any thread.
 */
final class SmtpSession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
    /** RFC 2920 3.1: these may only be the last command of a pipelined group. */
    private static final Set<String> GROUP_ENDING = Set.of("EHLO", "HELO", "DATA", "STARTTLS", "BDAT", "VRFY",
            "EXPN", "NOOP");
    private static final Set<String> FORBIDDEN = Set.of("GET", "POST", "HEAD", "PUT", "CONNECT", "OPTIONS");

    private final MailIntake intake;
    private final ServerTls serverTls;
    private final SessionSettings settings;
    private final String admissionRefusal;
    private final boolean bareNewlineExempt;
    private final Runnable onEnd;
    private final InetAddress client;
    private volatile Socket socket;
    private SessionInputStream in;
    private DeadlineInputStream deadline;
    private final java.util.function.BooleanSupplier underStress;
    private OutputStream out;
    private CommandLineReader reader;
    private String helo;
    private boolean esmtp;
    private TlsInfo tls = TlsInfo.NONE;
    private MailIntake.Connection connection;
    private MailIntake.Transaction transaction;
    private int messages;
    private int errors;
    private boolean closed;
    private volatile boolean idle;
    private volatile boolean stopping;

    /**
     * @param admissionRefusal the reply refusing the connection (limits), or null to serve it
     * @param underStress      whether the listener is under stress now (shorter deadlines)
     * @param onEnd            called once when the session is over, whatever happened
     */
    SmtpSession(Socket socket, MailIntake intake, ServerTls serverTls, SessionSettings settings,
            String admissionRefusal, boolean bareNewlineExempt, java.util.function.BooleanSupplier underStress,
            Runnable onEnd) {
        this.underStress = underStress;
        this.socket = socket;
        this.intake = intake;
        this.serverTls = serverTls;
        this.settings = settings;
        this.admissionRefusal = admissionRefusal;
        this.bareNewlineExempt = bareNewlineExempt;
        this.onEnd = onEnd;
        this.client = socket.getInetAddress();
    }

    @Override
    public void run() {
        try {
            streams(socket);
            if (admissionRefusal != null) {
                send(admissionRefusal);
                return;
            }
            connection = intake.connected(client);
            deadline.command(settings.commandTimeout());
            if (in.available() > 0) {
                // The client spoke before our greeting: a spam bot or a smuggling probe.
                reply("554 5.5.0 Error: SMTP protocol synchronization");
                return;
            }
            reply("220 " + settings.hostname() + " ESMTP Bulwark");
            while (!closed) {
                if (errors >= settings.hardErrorLimit()) {
                    send("421 4.7.0 " + settings.hostname() + " Error: too many errors");
                    return;
                }
                idle = true;
                if (stopping) {
                    send("421 4.3.2 " + settings.hostname() + " Service shutting down");
                    return;
                }
                deadline.command(settings.commandTimeout());
                CommandLineReader.Line line = reader.read();
                idle = false;
                if (line == null) {
                    return;
                }
                handle(line);
            }
        } catch (SocketTimeoutException e) {
            quietly("421 4.4.2 " + settings.hostname() + " Error: timeout exceeded");
        } catch (EOFException e) {
            log.debug("{} went away in DATA", client.getHostAddress());
        } catch (IOException e) {
            log.debug("session with {} ended: {}", client.getHostAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("session with {} failed", client.getHostAddress(), e);
            quietly("421 4.3.0 " + settings.hostname() + " Error: internal error");
        } finally {
            transaction = null;
            closeSocket();
            onEnd.run();
        }
    }

    /** Ends the session at the next command boundary; an idle session is closed at once. */
    void shutdown() {
        stopping = true;
        if (idle) {
            closeSocket();
        }
    }

    /** Closes the connection whatever the state (end of the grace period). */
    void kill() {
        closeSocket();
    }

    private void handle(CommandLineReader.Line line) throws IOException, InterruptedException {
        switch (line.problem()) {
            case TOO_LONG -> {
                reply("500 5.5.2 Error: line too long");
                return;
            }
            case BARE_LF, BARE_CR -> {
                String what = line.problem() == CommandLineReader.Problem.BARE_LF ? "<LF>" : "<CR>";
                if (rejectsBareNewlines()) {
                    reply("550 5.5.2 Error: bare " + what + " received");
                    close();
                } else {
                    reply("500 5.5.2 Error: bare " + what + " received in a command line");
                }
                return;
            }
            case NONE -> {
                // a well-formed line
            }
        }
        String text = line.text();
        if (text.isBlank()) {
            reply("500 5.5.2 Error: bad syntax");
            return;
        }
        char first = text.charAt(0);
        if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
            forbidden();
            return;
        }
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : text.substring(space + 1).trim();
        if (FORBIDDEN.contains(verb)) {
            forbidden();
            return;
        }
        if (!verb.equals("QUIT") && in.available() > 0 && (!esmtp || GROUP_ENDING.contains(verb))) {
            log.info("improper command pipelining after {} from {}", verb, client.getHostAddress());
            reply("554 5.5.0 Error: SMTP protocol synchronization");
            close();
            return;
        }
        boolean ascii = line.isAscii();
        if (!ascii && !verb.equals("MAIL") && !verb.equals("RCPT")) {
            reply("500 5.5.2 Error: bad syntax");
            return;
        }
        switch (verb) {
            case "EHLO", "HELO" -> hello(verb, args);
            case "STARTTLS" -> startTls(args);
            case "MAIL" -> mail(text, ascii);
            case "RCPT" -> rcpt(text, ascii);
            case "DATA" -> data(args);
            case "RSET" -> {
                transaction = null;
                reply("250 2.0.0 Ok");
            }
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "QUIT" -> {
                send("221 2.0.0 Bye");
                close();
            }
            case "VRFY" -> reply("502 5.5.1 VRFY command is disabled");
            case "EXPN" -> reply("502 5.5.1 EXPN command is disabled");
            case "AUTH" -> reply("503 5.5.1 Error: authentication not enabled");
            case "BDAT", "HELP", "ETRN", "TURN", "VERB" -> reply("502 5.5.1 Error: command not implemented");
            default -> reply("500 5.5.2 Error: command not recognized");
        }
    }

    private void hello(String verb, String args) throws IOException, InterruptedException {
        if (args.isEmpty()) {
            reply("501 5.5.4 Syntax: " + verb + " hostname");
            return;
        }
        transaction = null;
        helo = args.split(" ")[0];
        esmtp = verb.equals("EHLO");
        if (!esmtp) {
            reply("250 " + settings.hostname());
            return;
        }
        StringBuilder reply = new StringBuilder()
                .append("250-").append(settings.hostname()).append("\r\n")
                .append("250-PIPELINING\r\n")
                .append("250-SIZE ").append(settings.maxMessageSize()).append("\r\n");
        if (tlsOffered() && tls.protocol() == null) {
            reply.append("250-STARTTLS\r\n");
        }
        reply.append("250-ENHANCEDSTATUSCODES\r\n").append("250 8BITMIME");
        reply(reply.toString());
    }

    private boolean tlsOffered() {
        return serverTls != null && settings.tls() != InboundTlsPolicy.OFF;
    }

    private void startTls(String args) throws IOException, InterruptedException {
        if (!tlsOffered()) {
            reply("502 5.5.1 Error: command not implemented");
            return;
        }
        if (tls.protocol() != null) {
            reply("554 5.5.1 Error: TLS already active");
            return;
        }
        if (!args.isEmpty()) {
            reply("501 5.5.4 Syntax: STARTTLS");
            return;
        }
        reply("220 2.0.0 Ready to start TLS");
        out.flush();
        SSLSocket ssl = serverTls.wrap(socket, settings.wantClientCertificate(),
                settings.requireClientCertificate());
        // The handshake reads the socket itself, past our deadline stream: a guard closes the
        // connection when the whole handshake (not each read) outlasts the command deadline, so a
        // client trickling its ClientHello cannot hold the session.
        java.time.Duration allowed = underStress.getAsBoolean()
                && settings.slowClients().stressTimeout().compareTo(settings.commandTimeout()) < 0
                ? settings.slowClients().stressTimeout() : settings.commandTimeout();
        ssl.setSoTimeout((int) allowed.toMillis());
        Socket plain = socket;
        Thread guard = Thread.ofVirtual().name("bulwark-smtp-tls-deadline").start(() -> {
            try {
                Thread.sleep(allowed);
                log.info("TLS handshake with {} took longer than {}; closing", client.getHostAddress(), allowed);
                plain.close(); // the TCP socket under the handshake: its blocked read fails at once
            } catch (InterruptedException done) {
                // the handshake finished (or failed) in time
            } catch (IOException e) {
                log.debug("closing a slow TLS handshake", e);
            }
        });
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            guard.interrupt();
            // The stream is in an unknown state: no reply can be trusted to arrive; just close.
            log.info("TLS handshake with {} failed: {}", client.getHostAddress(), e.getMessage());
            closed = true;
            ssl.close();
            return;
        }
        guard.interrupt();
        SSLSession session = ssl.getSession();
        socket = ssl;
        streams(ssl);
        tls = new TlsInfo(session.getProtocol(), session.getCipherSuite());
        // RFC 3207 4.2: forget everything learnt before TLS, the client must say EHLO again.
        helo = null;
        esmtp = false;
        transaction = null;
        log.debug("TLS with {}: {} {}", client.getHostAddress(), tls.protocol(), tls.cipher());
    }

    private boolean tlsMissing() throws IOException, InterruptedException {
        if (settings.tls() == InboundTlsPolicy.REQUIRED && tls.protocol() == null) {
            reply("530 5.7.0 Must issue a STARTTLS command first");
            return true;
        }
        return false;
    }

    private void mail(String text, boolean ascii) throws IOException, InterruptedException {
        if (helo == null) {
            reply("503 5.5.1 Error: send HELO/EHLO first");
            return;
        }
        if (tlsMissing()) {
            return;
        }
        if (transaction != null) {
            reply("503 5.5.1 Error: nested MAIL command");
            return;
        }
        if (settings.maxMessagesPerConnection() > 0 && messages >= settings.maxMessagesPerConnection()) {
            send("421 4.7.0 " + settings.hostname() + " Error: too many messages in one session");
            close();
            return;
        }
        SmtpPath path = SmtpPath.parse(text, "MAIL FROM:");
        if (path == null) {
            reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        if (!ascii) {
            reply("553 5.6.7 Must declare SMTPUTF8 to send unicode address");
            return;
        }
        if (!path.address().isEmpty() && !Mailbox.isValid(path.address())) {
            reply("501 5.1.7 Bad sender address syntax");
            return;
        }
        for (String parameter : path.parameters()) {
            String upper = parameter.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SIZE=")) {
                long declared;
                try {
                    declared = Long.parseLong(parameter.substring(5));
                } catch (NumberFormatException e) {
                    reply("501 5.5.4 Bad SIZE parameter");
                    return;
                }
                if (declared > settings.maxMessageSize()) {
                    reply("552 5.3.4 Message size exceeds fixed limit");
                    return;
                }
            } else if (!upper.equals("BODY=7BIT") && !upper.equals("BODY=8BITMIME")) {
                reply("555 5.5.4 Unsupported option: " + parameter);
                return;
            }
        }
        transaction = connection.begin(new SessionFacts(client, helo, tls, null, settings.maxMessageSize(),
                settings.hostname()), path.address());
        reply("250 2.1.0 Ok");
    }

    private void rcpt(String text, boolean ascii) throws IOException, InterruptedException {
        if (tlsMissing()) {
            return;
        }
        if (transaction == null) {
            reply("503 5.5.1 Error: need MAIL command");
            return;
        }
        SmtpPath path = SmtpPath.parse(text, "RCPT TO:");
        if (path == null) {
            reply("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        if (transaction.recipientCount() >= settings.maxRecipients()) {
            String refusal = "452 4.5.3 Error: too many recipients";
            transaction.rejected("RCPT", List.of(path.address()), refusal);
            reply(refusal);
            return;
        }
        if (!ascii) {
            reply("553 5.6.7 Must declare SMTPUTF8 to send unicode address");
            return;
        }
        boolean postmaster = path.address().equalsIgnoreCase("postmaster");
        if (!postmaster && !Mailbox.isValid(path.address())) {
            reply("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (!path.parameters().isEmpty()) {
            reply("555 5.5.4 Unsupported option: " + path.parameters().getFirst());
            return;
        }
        reply(transaction.recipient(path.address()));
    }

    private void data(String args) throws IOException, InterruptedException {
        if (tlsMissing()) {
            return;
        }
        if (transaction == null) {
            reply("503 5.5.1 Error: need RCPT command");
            return;
        }
        if (transaction.recipientCount() == 0) {
            reply("554 5.5.1 Error: no valid recipients");
            return;
        }
        if (!args.isEmpty()) {
            reply("501 5.5.4 Syntax: DATA");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        MailIntake.Transaction current = transaction;
        transaction = null;
        deadline.data(settings.dataTimeout());
        StrictDataInputStream content = new StrictDataInputStream(in,
                rejectsBareNewlines() ? BareNewlinePolicy.REJECT : BareNewlinePolicy.NORMALIZE);
        String result;
        try {
            result = current.data(content);
            content.transferTo(OutputStream.nullOutputStream()); // after a spool failure, stay in step
        } catch (StrictDataInputStream.BareNewlineException e) {
            String refusal = "550 5.5.2 Error: bare " + e.what() + " received";
            current.rejected("DATA", List.of(), refusal);
            reply(refusal);
            close();
            return;
        }
        if (result.startsWith("250")) {
            messages++;
            errors = 0;
        }
        reply(result);
    }

    private boolean rejectsBareNewlines() {
        return settings.bareNewline() == BareNewlinePolicy.REJECT && !bareNewlineExempt;
    }

    private void forbidden() throws IOException {
        log.info("non-SMTP command from {}; disconnecting", client.getHostAddress());
        send("221 2.7.0 Error: I can break rules, too. Goodbye.");
        close();
    }

    /** Sends a reply, counting errors and slowing down a client that makes too many. */
    private void reply(String text) throws IOException, InterruptedException {
        if (text.charAt(0) == '4' || text.charAt(0) == '5') {
            errors++;
        }
        if (errors > settings.softErrorLimit() && !settings.errorSleepTime().isZero()) {
            Thread.sleep(settings.errorSleepTime());
        }
        send(text);
    }

    /**
     * Writes a reply and sends it unless the client has already pipelined more commands (RFC 2920
     * section 3.1: a server may hold replies while it reads ahead, as Postfix does). The replies to
     * a pipelined group then leave in one segment, and the last reply before we wait for input is
     * always flushed, so nothing waits on us.
     */
    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        if (in == null || in.available() == 0) {
            out.flush();
        }
    }

    private void quietly(String text) {
        try {
            send(text);
        } catch (IOException | RuntimeException e) {
            // the connection is already gone
        }
    }

    private void streams(Socket s) throws IOException {
        // Replies are small writes: without TCP_NODELAY a reply written while the client's ACK of
        // the previous one is delayed waits for it (Nagle), about 40 ms per pipelined group.
        s.setTcpNoDelay(true);
        deadline = new DeadlineInputStream(s.getInputStream(), s, settings.slowClients(), underStress);
        // 1 KB for commands (a pipelined group of a few dozen recipients in one read), 8 KB while a
        // message's content is read, from after the intake gate to the final dot (SessionInputStream)
        in = new SessionInputStream(deadline, 1024, 8192);
        // Replies only: a pipelined group's replies for over a hundred recipients fit and leave
        // in one write. 2 KB rather than 8: at 500 sessions a connection lives for the seconds its
        // message waits at the intake gate, so its buffers outlive a young collection and are
        // promoted (docs/benchmarks.md, "What 500 sessions promote").
        out = new BufferedOutputStream(s.getOutputStream(), 2048);
        reader = new CommandLineReader(in, settings.lineLengthLimit());
    }

    private void close() {
        closed = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            // the peer is gone; closing is all that is left
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** A reverse- or forward-path with its ESMTP parameters. */
    record SmtpPath(String address, List<String> parameters) {
        /** Parses {@code MAIL FROM:<a> p1 p2} (case-insensitive verb, optional space after the colon). */
        static SmtpPath parse(String commandString, String prefix) {
            String line = commandString.trim();
            if (line.length() < prefix.length() || !line.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return null;
            }
            String rest = line.substring(prefix.length()).trim();
            String address;
            String tail;
            if (rest.startsWith("<")) {
                int close = closingBracket(rest);
                if (close < 0) {
                    return null;
                }
                address = rest.substring(1, close);
                tail = rest.substring(close + 1).trim();
            } else {
                // Lenient like Postfix: some old clients omit the brackets.
                int space = rest.indexOf(' ');
                address = space < 0 ? rest : rest.substring(0, space);
                tail = space < 0 ? "" : rest.substring(space + 1).trim();
                if (address.isEmpty()) {
                    return null;
                }
            }
            // Source routes (@a,@b:user@c) are obsolete; RFC 5321 C says use the mailbox only.
            if (address.startsWith("@")) {
                int colon = address.indexOf(':');
                if (colon < 0) {
                    return new SmtpPath(address, List.of()); // "@domain": refused as bad syntax
                }
                address = address.substring(colon + 1);
            }
            List<String> parameters = tail.isEmpty() ? List.of() : List.of(tail.split("\\s+"));
            return new SmtpPath(address, parameters);
        }

        /** The '>' that closes the path, skipping quoted strings ({@code <"a>b"@c>}). */
        private static int closingBracket(String rest) {
            boolean quoted = false;
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '>' && !quoted) {
                    return i;
                }
            }
            return -1;
        }
    }
}
