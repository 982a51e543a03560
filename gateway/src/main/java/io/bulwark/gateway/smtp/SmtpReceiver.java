package io.bulwark.gateway.smtp;

import io.bulwark.events.message.MessageRef;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.routing.RelayPolicy;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.MessageTooLargeException;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the mail spine: one {@link MessageHandler} per SMTP mail transaction
 * (SubEthaSMTP creates it at MAIL FROM), which applies the relay policy at RCPT and streams DATA
 * into the {@link Spool}.
 *
 * <p>A queue id is assigned at MAIL FROM, as Postfix does, so that RCPT refusals are already
 * traceable to a transaction. The 250 to DATA is sent only after the spool commit returned;
 * events are appended afterwards without waiting (the spool, not the event store, is what makes an
 * accepted message durable; start-up recovery re-appends them idempotently).
 *
 * <p>Thread-safe: the factory is shared; each handler is confined to its session's thread.
 */
public final class SmtpReceiver implements MessageHandlerFactory {
    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final Spool spool;
    private final QueueIdGenerator queueIds;
    private final RelayPolicy relayPolicy;
    private final MessageEventPublisher events;
    private final SpoolListener listener;
    private final String hostname;
    private final String nodeId;
    private final long maxMessageSize;
    private final Clock clock;

    public SmtpReceiver(Spool spool, QueueIdGenerator queueIds, RelayPolicy relayPolicy, MessageEventPublisher events,
            SpoolListener listener, String hostname, String nodeId, long maxMessageSize, Clock clock) {
        this.spool = spool;
        this.queueIds = queueIds;
        this.relayPolicy = relayPolicy;
        this.events = events;
        this.listener = listener;
        this.hostname = hostname;
        this.nodeId = nodeId;
        this.maxMessageSize = maxMessageSize;
        this.clock = clock;
    }

    /** The size limit enforced in MAIL (SIZE=) and DATA. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public MessageHandler create(MessageContext context) {
        return new Transaction(context);
    }

    private final class Transaction implements MessageHandler {
        private final MessageContext context;
        private final InetAddress client;
        private final String queueId = queueIds.next();
        private final List<String> recipients = new ArrayList<>();
        private String sender = "";
        private int refusals;

        Transaction(MessageContext context) {
            this.context = context;
            this.client = ((InetSocketAddress) context.getRemoteAddress()).getAddress();
        }

        @Override
        public void from(String from) {
            this.sender = from == null ? "" : from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            String domain = recipient.substring(recipient.lastIndexOf('@') + 1);
            if (!relayPolicy.mayAccept(client, domain)) {
                String text = "5.7.1 <" + recipient + ">: Relay access denied";
                MessageRef ref = new MessageRef(queueId, null, sender, List.of(recipient), 0,
                        client.getHostAddress(), nodeId);
                events.rejected(ref, "RCPT", "550 " + text, clock.instant(), Integer.toString(refusals++));
                log.info("{}: reject RCPT from {}: 550 {}", queueId, client.getHostAddress(), text);
                throw new RejectException(550, text);
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            Instant now = clock.instant();
            String helo = context.getHelo().orElse(null);
            TlsInfo tls = TlsInfo.of(context);
            byte[] received = ReceivedHeader.build(helo, client, hostname, tls.protocol() != null, queueId,
                    recipients.size() == 1 ? recipients.getFirst() : null, now);
            BodyInfo body;
            try {
                body = spool.writeBody(queueId, received, data, maxMessageSize);
            } catch (MessageTooLargeException e) {
                throw new RejectException(552, "5.3.4 Message size exceeds fixed limit");
            } catch (IOException e) {
                if (e instanceof java.io.EOFException) {
                    throw e; // the client went away: nothing to answer
                }
                log.error("{}: cannot write the spool", queueId, e);
                throw new RejectException(451, "4.3.0 Error: queue file write error");
            }
            Instant committedAt = clock.instant();
            SpoolMetadata metadata = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, queueId, nodeId, sender,
                    recipients.stream().map(RecipientState::pending).toList(), client.getHostAddress(), helo,
                    tls.protocol(), tls.cipher(), body.messageId(), body.sizeBytes(), body.sha256(), body.eightBit(),
                    committedAt, 0, committedAt);
            try {
                spool.commit(metadata);
            } catch (IOException e) {
                spool.discard(queueId);
                log.error("{}: cannot commit the spool entry", queueId, e);
                throw new RejectException(451, "4.3.0 Error: queue file write error");
            }
            log.info("{}: from=<{}> to={} size={} client={} message-id=<{}>", queueId, sender, recipients,
                    body.sizeBytes(), client.getHostAddress(), body.messageId());
            events.received(metadata);
            listener.committed(metadata);
            return "2.0.0 Ok: queued as " + queueId;
        }

        @Override
        public void done() {
            // Nothing to release: an uncommitted body is removed by Spool.writeBody itself.
        }
    }

    /** TLS facts of the session, for the Received header and events (STARTTLS comes in a later issue). */
    private record TlsInfo(String protocol, String cipher) {
        static TlsInfo of(MessageContext context) {
            if (context instanceof Session session && session.isTLSStarted()
                    && session.getSocket() instanceof SSLSocket ssl) {
                return new TlsInfo(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
            }
            return new TlsInfo(null, null);
        }
    }
}
