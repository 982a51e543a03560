package io.bulwark.gateway.delivery;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A minimal SMTP client for relaying spooled messages to a next hop (RFC 5321): EHLO (HELO as
 * fallback), MAIL FROM with SIZE/BODY when offered, one RCPT per recipient, DATA, QUIT.
 *
 * <p>Why our own rather than Jakarta Mail's transport: we must relay the spooled bytes exactly
 * (Jakarta Mail re-encodes a parsed MimeMessage, which breaks DKIM signatures and hashes), we need
 * every recipient's own reply (a transport reports a single exception for the lot), and we will
 * add connection reuse, per-destination TLS policy and PIPELINING, which need control of the
 * dialogue. The client never emits a bare CR or LF ({@link SmtpDataOutputStream}).
 *
 * <p>Timeouts follow RFC 5321 4.5.3.2 in spirit: one for the TCP connect, one per command reply,
 * a longer one for the reply to the end of data. TCP_NODELAY because the dialogue is made of
 * small request/response turns. Stateless and thread-safe: one socket per {@link #send} call.
 */
public final class SmtpClient {
    private static final int MAX_LINE = 8192;
    private static final int MAX_LINES = 200;

    private final String heloName;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration dataTimeout;

    public SmtpClient(String heloName, Duration connectTimeout, Duration commandTimeout, Duration dataTimeout) {
        this.heloName = heloName;
        this.connectTimeout = connectTimeout;
        this.commandTimeout = commandTimeout;
        this.dataTimeout = dataTimeout;
    }

    /** What to send. */
    public record Envelope(String sender, List<String> recipients, long sizeBytes, boolean eightBit, Path body) {
    }

    /**
     * The outcome of a transaction that got as far as the recipients.
     *
     * @param recipientReplies the reply to each RCPT, in order
     * @param dataReply        the reply to DATA (if not 354) or to the end of data, or null when no
     *                         recipient was accepted
     */
    public record Result(Map<String, SmtpReply> recipientReplies, SmtpReply dataReply) {
    }

    /** The session failed before any recipient was tried (greeting, EHLO/HELO or MAIL refused). */
    public static final class SessionFailure extends Exception {
        private final String stage;
        private final SmtpReply reply;

        SessionFailure(String stage, SmtpReply reply) {
            super(stage + ": " + reply);
            this.stage = stage;
            this.reply = reply;
        }

        /** GREETING, EHLO or MAIL. */
        public String stage() {
            return stage;
        }

        public SmtpReply reply() {
            return reply;
        }
    }

    /**
     * Runs one transaction.
     *
     * @throws IOException     when the connection fails or breaks (the outcome is unknown)
     * @throws SessionFailure  when the server refuses before RCPT
     */
    public Result send(InetSocketAddress address, Envelope envelope) throws IOException, SessionFailure {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) commandTimeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());

            SmtpReply greeting = readReply(in);
            if (!greeting.isPositive()) {
                quietly(out, in);
                throw new SessionFailure("GREETING", greeting);
            }
            command(out, "EHLO " + heloName);
            SmtpReply ehlo = readReply(in);
            Set<String> extensions = new TreeSet<>();
            if (ehlo.isPositive()) {
                for (String line : ehlo.lines().subList(Math.min(1, ehlo.lines().size()), ehlo.lines().size())) {
                    extensions.add(line.trim().toUpperCase(Locale.ROOT));
                }
            } else {
                command(out, "HELO " + heloName);
                SmtpReply helo = readReply(in);
                if (!helo.isPositive()) {
                    quietly(out, in);
                    throw new SessionFailure("EHLO", helo);
                }
            }
            StringBuilder mail = new StringBuilder("MAIL FROM:<").append(envelope.sender()).append('>');
            if (extensions.stream().anyMatch(e -> e.equals("SIZE") || e.startsWith("SIZE "))) {
                mail.append(" SIZE=").append(envelope.sizeBytes());
            }
            if (envelope.eightBit() && extensions.contains("8BITMIME")) {
                mail.append(" BODY=8BITMIME");
            }
            command(out, mail.toString());
            SmtpReply mailReply = readReply(in);
            if (!mailReply.isPositive()) {
                quietly(out, in);
                throw new SessionFailure("MAIL", mailReply);
            }
            Map<String, SmtpReply> replies = new LinkedHashMap<>();
            for (String recipient : envelope.recipients()) {
                command(out, "RCPT TO:<" + recipient + ">");
                replies.put(recipient, readReply(in));
            }
            if (replies.values().stream().noneMatch(SmtpReply::isPositive)) {
                quietly(out, in);
                return new Result(replies, null);
            }
            command(out, "DATA");
            SmtpReply dataStart = readReply(in);
            if (dataStart.code() != 354) {
                quietly(out, in);
                return new Result(replies, dataStart);
            }
            SmtpDataOutputStream data = new SmtpDataOutputStream(out);
            try (InputStream body = new BufferedInputStream(Files.newInputStream(envelope.body()), 64 * 1024)) {
                body.transferTo(data);
            }
            data.finish();
            socket.setSoTimeout((int) dataTimeout.toMillis());
            SmtpReply dataReply = readReply(in);
            quietly(out, in);
            return new Result(replies, dataReply);
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
    }

    /** QUIT, ignoring failures: the transaction's outcome is already known. */
    private static void quietly(OutputStream out, InputStream in) {
        try {
            command(out, "QUIT");
            readReply(in);
        } catch (IOException e) {
            // The server may close first; nothing depends on the QUIT reply.
        }
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
