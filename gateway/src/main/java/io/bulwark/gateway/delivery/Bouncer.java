package io.bulwark.gateway.delivery;

import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes delivery status notifications (RFC 3464) for permanently failed recipients and queues
 * them as new messages with the null sender, so they travel the same durable path as any mail.
 *
 * <p>The DSN is {@code multipart/report; report-type=delivery-status} (RFC 6522) with three parts:
 * a human-readable explanation, the {@code message/delivery-status} with one per-recipient block
 * ({@code Final-Recipient}, {@code Action: failed}, {@code Status}, {@code Remote-MTA},
 * {@code Diagnostic-Code}), and the original's header section as {@code text/rfc822-headers}
 * (headers only: returning bodies would make us a reflector of spam and data). A message with the
 * null sender is never bounced, which is what keeps bounce loops impossible (RFC 5321 4.5.5).
 * The same shape with {@code Action: delayed} and {@code Will-Retry-Until} is the optional delay
 * warning.
 *
 * <p>Thread-safe.
 */
public final class Bouncer {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_RETURNED_HEADERS = 64 * 1024;

    private final Spool spool;
    private final QueueIdGenerator queueIds;
    private final MessageEventPublisher events;
    private final String hostname;
    private final String nodeId;

    public Bouncer(Spool spool, QueueIdGenerator queueIds, MessageEventPublisher events, String hostname,
            String nodeId) {
        this.spool = spool;
        this.queueIds = queueIds;
        this.events = events;
        this.hostname = hostname;
        this.nodeId = nodeId;
    }

    /**
     * Spools a DSN to the sender of {@code original} reporting {@code failed}, and appends its
     * received/queued events. The caller schedules its delivery.
     *
     * @throws IllegalArgumentException if the original has the null sender
     */
    public SpoolMetadata bounce(SpoolMetadata original, List<RecipientState> failed, Instant now) throws IOException {
        return queue(original, failed, now, null);
    }

    /**
     * Spools a "delayed" DSN (RFC 3464 {@code Action: delayed}, Postfix's delay warning) telling the
     * sender that {@code delayed} are still being retried until {@code willRetryUntil}.
     *
     * @throws IllegalArgumentException if the original has the null sender
     */
    public SpoolMetadata delayed(SpoolMetadata original, List<RecipientState> delayed, Instant now,
            Instant willRetryUntil) throws IOException {
        return queue(original, delayed, now, willRetryUntil);
    }

    private SpoolMetadata queue(SpoolMetadata original, List<RecipientState> failed, Instant now,
            Instant willRetryUntil) throws IOException {
        if (original.hasNullSender()) {
            throw new IllegalArgumentException("never bounce a null-sender message: " + original.queueId());
        }
        String queueId = queueIds.next();
        byte[] headers = spool.readHeaderSection(original.queueId(), MAX_RETURNED_HEADERS);
        byte[] dsn = build(queueId, original, failed, headers, now, willRetryUntil);
        BodyInfo body = spool.writeGenerated(queueId, dsn);
        SpoolMetadata metadata = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, queueId, nodeId, "",
                List.of(RecipientState.pending(original.sender())), "127.0.0.1", hostname, null, null,
                body.messageId(), body.sizeBytes(), body.sha256(), body.eightBit(), now, 0, now, false);
        try {
            spool.commit(metadata);
        } catch (IOException e) {
            spool.discard(queueId);
            throw e;
        }
        events.received(metadata);
        return metadata;
    }

    /** The DSN bytes; {@code willRetryUntil} null for a failure report, set for a delay warning. */
    byte[] build(String dsnQueueId, SpoolMetadata original, List<RecipientState> failed, byte[] originalHeaders,
            Instant now, Instant willRetryUntil) {
        boolean delay = willRetryUntil != null;
        String boundary = dsnQueueId + "/" + hostname;
        StringBuilder head = new StringBuilder()
                .append("Date: ").append(DATE.format(now)).append("\r\n")
                .append("From: MAILER-DAEMON@").append(hostname).append(" (Mail Delivery System)\r\n")
                .append("To: ").append(ascii(original.sender())).append("\r\n")
                .append("Subject: ").append(delay ? "Delayed Mail (still being retried)"
                        : "Undelivered Mail Returned to Sender").append("\r\n")
                .append("Message-ID: <").append(dsnQueueId).append('@').append(hostname).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n")
                .append("\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\n")
                .append("This is a MIME-encapsulated message.\r\n\r\n");

        head.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Notification\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("This is the mail system at host ").append(hostname).append(".\r\n\r\n")
                .append(delay
                        ? "Your message could not be delivered yet to one or more recipients. It will be\r\n"
                        + "retried until " + DATE.format(willRetryUntil) + "; you do not need to resend it.\r\n"
                        + "Its headers are attached below.\r\n\r\n"
                        : "I'm sorry to have to inform you that your message could not\r\n"
                        + "be delivered to one or more recipients. Its headers are attached below.\r\n\r\n")
                .append("The mail system\r\n\r\n");
        for (RecipientState r : failed) {
            head.append('<').append(ascii(r.address())).append(">: ");
            if (r.nextHop() != null && !r.nextHop().isEmpty()) {
                head.append("host ").append(ascii(r.nextHop())).append(" said: ");
            }
            head.append(ascii(r.reply())).append("\r\n");
        }
        head.append("\r\n");

        head.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Delivery report\r\n")
                .append("Content-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(hostname).append("\r\n")
                .append("X-Bulwark-Queue-ID: ").append(original.queueId()).append("\r\n")
                .append("X-Bulwark-Sender: rfc822; ").append(ascii(original.sender())).append("\r\n")
                .append("Arrival-Date: ").append(DATE.format(original.receivedAt())).append("\r\n");
        for (RecipientState r : failed) {
            String status = SmtpReply.statusCode(r.reply(), delay ? "4.0.0" : "5.0.0");
            head.append("\r\n")
                    .append("Final-Recipient: rfc822; ").append(ascii(r.address())).append("\r\n")
                    .append("Action: ").append(delay ? "delayed" : "failed").append("\r\n")
                    .append("Status: ").append(status).append("\r\n");
            String remote = remoteHost(r.nextHop());
            if (remote != null) {
                head.append("Remote-MTA: dns; ").append(ascii(remote)).append("\r\n");
            }
            head.append("Diagnostic-Code: ").append(r.reply() != null && r.reply().matches("^[245]\\d\\d .*")
                    ? "smtp; " : "X-Bulwark; ").append(ascii(r.reply())).append("\r\n");
            if (delay) {
                head.append("Will-Retry-Until: ").append(DATE.format(willRetryUntil)).append("\r\n");
            }
        }
        head.append("\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Description: Undelivered Message Headers\r\n")
                .append("Content-Type: text/rfc822-headers\r\n\r\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + originalHeaders.length + 128);
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(originalHeaders);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** {@code mx.example.com[192.0.2.1]:25} gives {@code mx.example.com}. */
    private static String remoteHost(String nextHop) {
        if (nextHop == null || nextHop.isEmpty()) {
            return null;
        }
        int bracket = nextHop.indexOf('[');
        return bracket > 0 ? nextHop.substring(0, bracket) : null;
    }

    /** DSN fields are ASCII (RFC 3464 without RFC 6533); anything else becomes '?'. */
    private static String ascii(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 32 && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
