package io.bulwark.gateway.smtp;

import io.bulwark.events.message.MessageRef;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.routing.RecipientVerifier;
import io.bulwark.gateway.routing.RelayPolicy;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.policy.DataPhaseProcessor;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.policy.GroupOutcome;
import io.bulwark.scan.message.Envelope;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.BodyVariant;
import io.bulwark.gateway.spool.RecipientStatus;
import io.bulwark.gateway.spool.MessageTooLargeException;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side's policy and durability, independent of the wire protocol
 * ({@link SmtpSession} handles that): one {@link Transaction} per mail transaction, which applies
 * the relay policy and recipient verification at RCPT and streams DATA into the {@link Spool}.
 *
 * <p>Relay policy (Postfix {@code reject_unauth_destination} with {@code allow_untrusted_routing
 * = no}): a client outside {@code mynetworks} may only address relay domains, and never with
 * sender-specified routing in the local part ({@code %}, {@code !} or a quoted {@code @}), because
 * a next hop that honours such routing would turn us into an open relay by proxy. {@code
 * <postmaster>} without a domain and {@code postmaster@<hostname>} are always accepted
 * (RFC 5321 4.5.1) and delivered to the configured postmaster address.
 *
 * <p>Scanning before the answer (ARCHITECTURE.md, "Message lifecycle" 3-5): after the spool write
 * and before the reply, the message (without our Received header) goes through the
 * {@link DataPhaseProcessor} with the current {@link GatewayPolicy}: scan, decision per recipient
 * group, multi-group resolution. Then, in this order: a Backup copy of the original if a rule asks
 * for one; if every group rejects, the spool body is discarded and the client gets the 5xx; else
 * every changed version is written as a {@link BodyVariant} and fsynced, recipients the policy does
 * not deliver to are recorded as {@link RecipientStatus#DELETED}, and the metadata (with the
 * decision) is committed, so the 250 still comes only after everything needed is durable. A policy
 * that is not loaded yet, a scan that fails unexpectedly or a Backup that cannot be kept give a
 * 451, never an unscanned delivery.
 *
 * <p>A queue id is assigned at MAIL FROM, as Postfix does, so that RCPT refusals are already
 * traceable to a transaction. The 250 to DATA is sent only after the spool commit returned;
 * events are appended afterwards without waiting (the spool, not the event store, is what makes an
 * accepted message durable; start-up recovery re-appends them idempotently).
 *
 * <p>Thread-safe: shared by all sessions; each {@link Transaction} is confined to its session.
 */
public final class SmtpReceiver {
    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final Spool spool;
    private final QueueIdGenerator queueIds;
    private final RelayPolicy relayPolicy;
    private final RecipientVerifier verifier;
    private final MessageEventPublisher events;
    private final SpoolListener listener;
    private final String hostname;
    private final String nodeId;
    private final String postmaster;
    private final long maxMessageSize;
    private final int hopCountLimit;
    private final Clock clock;
    private final Scanning scanning;

    /**
     * What DATA needs to judge a message before answering it.
     *
     * @param processor  scan and decision
     * @param policy     whether the policy is loaded (the processor reads the snapshot itself)
     * @param backup     where Backup copies go
     * @param policyWait how long one DATA waits for a policy that is not loaded yet
     */
    public record Scanning(DataPhaseProcessor processor, GatewayPolicy policy, BackupSink backup,
            java.time.Duration policyWait) {
    }

    /**
     * @param verifier      recipient verification, or null when no domain is verified
     * @param postmaster    where mail to the postmaster goes
     * @param hopCountLimit most Received headers accepted (more: 554 5.4.6, a mail loop)
     */
    public SmtpReceiver(Spool spool, QueueIdGenerator queueIds, RelayPolicy relayPolicy, RecipientVerifier verifier,
            MessageEventPublisher events, SpoolListener listener, String hostname, String nodeId, String postmaster,
            long maxMessageSize, int hopCountLimit, Clock clock) {
        this(spool, queueIds, relayPolicy, verifier, events, listener, hostname, nodeId, postmaster, maxMessageSize,
                hopCountLimit, clock, null);
    }

    /**
     * @param scanning the DATA stage's scan and decision, or null to relay unscanned (tests of the
     *                 mail spine alone)
     */
    public SmtpReceiver(Spool spool, QueueIdGenerator queueIds, RelayPolicy relayPolicy, RecipientVerifier verifier,
            MessageEventPublisher events, SpoolListener listener, String hostname, String nodeId, String postmaster,
            long maxMessageSize, int hopCountLimit, Clock clock, Scanning scanning) {
        this.scanning = scanning;
        this.spool = spool;
        this.queueIds = queueIds;
        this.relayPolicy = relayPolicy;
        this.verifier = verifier;
        this.events = events;
        this.listener = listener;
        this.hostname = hostname;
        this.nodeId = nodeId;
        this.postmaster = postmaster;
        this.maxMessageSize = maxMessageSize;
        this.hopCountLimit = hopCountLimit;
        this.clock = clock;
    }

    /** The size limit enforced in MAIL (SIZE=) and DATA. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** Whether {@code client} is in mynetworks (relay anywhere, exempt from per-client limits). */
    boolean isTrusted(InetAddress client) {
        return relayPolicy.isTrustedClient(client);
    }

    /** Starts a mail transaction (MAIL FROM accepted). */
    Transaction begin(InetAddress client, String sender) {
        return new Transaction(client, sender);
    }

    /** TLS facts of the session, for the Received header and the received event. */
    record TlsInfo(String protocol, String cipher) {
        static final TlsInfo NONE = new TlsInfo(null, null);
    }

    /** One mail transaction, from MAIL FROM to the end of DATA (or RSET). Not thread-safe. */
    final class Transaction {
        private final InetAddress client;
        private final String sender;
        private final String queueId = queueIds.next();
        private final List<String> recipients = new ArrayList<>();
        private int refusals;

        private Transaction(InetAddress client, String sender) {
            this.client = client;
            this.sender = sender;
        }

        int recipientCount() {
            return recipients.size();
        }

        /** Decides RCPT for a syntactically valid address (or {@code postmaster}); returns the reply. */
        String recipient(String address) {
            int at = address.lastIndexOf('@');
            String local = at < 0 ? address : address.substring(0, at);
            String domain = at < 0 ? "" : address.substring(at + 1);
            if (local.equalsIgnoreCase("postmaster")
                    && (at < 0 || RelayPolicy.normaliseDomain(domain).equalsIgnoreCase(hostname))) {
                recipients.add(postmaster);
                return "250 2.1.5 Ok";
            }
            boolean trusted = relayPolicy.isTrustedClient(client);
            if (!trusted && (!relayPolicy.isRelayDomain(domain) || hasSenderRouting(local))) {
                return refuse(address, "550 5.7.1 <" + address + ">: Relay access denied");
            }
            if (verifier != null && verifier.covers(domain)) {
                switch (verifier.verify(address)) {
                    case RecipientVerifier.Verdict.Accepted a -> {
                        // fall through to acceptance
                    }
                    case RecipientVerifier.Verdict.Refused r -> {
                        return refuse(address, "550 5.1.1 <" + address
                                + ">: Recipient address rejected: undeliverable address: " + r.reply());
                    }
                    case RecipientVerifier.Verdict.Unknown u -> {
                        return refuse(address, "450 4.1.1 <" + address
                                + ">: Recipient address rejected: unverified address: " + u.reason());
                    }
                }
            }
            recipients.add(address);
            return "250 2.1.5 Ok";
        }

        /** Records a refusal decided by the session at RCPT, MAIL or DATA (limits, syntax, bare LF). */
        void rejected(String stage, List<String> forRecipients, String reply) {
            MessageRef ref = new MessageRef(queueId, null, sender, forRecipients, 0, client.getHostAddress(), nodeId);
            events.rejected(ref, stage, reply, clock.instant(), Integer.toString(refusals++));
            log.info("{}: reject {} from {}: {}", queueId, stage, client.getHostAddress(), reply);
        }

        private String refuse(String address, String reply) {
            rejected("RCPT", List.of(address), reply);
            return reply;
        }

        /**
         * Spools the message and returns the reply to the end of data. The content is read to its
         * end whatever the outcome, so the session stays in step with the client.
         *
         * @throws EOFException when the client went away (nothing to answer; nothing kept)
         * @throws StrictDataInputStream.BareNewlineException under the reject policy
         * @throws SocketTimeoutException when the client stalled (nothing kept)
         */
        String data(InputStream content, String helo, TlsInfo tls) throws IOException {
            Instant now = clock.instant();
            byte[] received = ReceivedHeader.build(helo, client, hostname, tls, queueId,
                    recipients.size() == 1 ? recipients.getFirst() : null, now);
            HopCounter hops = new HopCounter(content);
            BodyInfo body;
            try {
                body = spool.writeBody(queueId, received, hops, maxMessageSize);
            } catch (MessageTooLargeException e) {
                return refuseData("552 5.3.4 Error: message size exceeds fixed limit");
            } catch (EOFException | SocketTimeoutException | StrictDataInputStream.BareNewlineException e) {
                throw e;
            } catch (IOException e) {
                log.error("{}: cannot write the spool", queueId, e);
                return refuseData("451 4.3.0 Error: queue file write error");
            }
            if (hops.count() > hopCountLimit) {
                spool.discard(queueId);
                return refuseData("554 5.4.6 Too many hops");
            }
            List<RecipientState> states = recipients.stream().map(RecipientState::pending).toList();
            List<BodyVariant> variants = List.of();
            MessageScannedEvent scan = null;
            if (scanning != null) {
                Judged judged;
                try {
                    judged = judge(body, received.length, helo);
                } catch (IOException e) {
                    spool.discard(queueId);
                    log.error("{}: cannot write the spool", queueId, e);
                    return refuseData("451 4.3.0 Error: queue file write error");
                }
                if (judged.reply() != null) {
                    return judged.reply();
                }
                states = judged.states();
                variants = judged.variants();
                scan = judged.scan();
            }
            Instant committedAt = clock.instant();
            SpoolMetadata metadata = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, queueId, nodeId, sender,
                    states, client.getHostAddress(), helo,
                    tls.protocol(), tls.cipher(), body.messageId(), body.sizeBytes(), body.sha256(), body.eightBit(),
                    committedAt, 0, committedAt, false, variants, scan);
            try {
                spool.commit(metadata);
            } catch (IOException e) {
                spool.discard(queueId);
                log.error("{}: cannot commit the spool entry", queueId, e);
                return refuseData("451 4.3.0 Error: queue file write error");
            }
            log.info("{}: from=<{}> to={} size={} client={} tls={} message-id=<{}>", queueId, sender, recipients,
                    body.sizeBytes(), client.getHostAddress(), tls.protocol(), body.messageId());
            events.received(metadata);
            listener.committed(metadata);
            return "250 2.0.0 Ok: queued as " + queueId;
        }

        private String refuseData(String reply) {
            rejected("DATA", List.copyOf(recipients), reply);
            return reply;
        }

        /**
         * Scans and decides the spooled (not yet committed) message; writes what the policy
         * changed. Returns a reply when the message is not to be committed (refused, or a
         * temporary failure), the body already discarded; otherwise what to commit.
         */
        private Judged judge(BodyInfo body, int prefixLength, String helo) throws IOException {
            GatewayPolicy policy = scanning.policy();
            if (!policy.isReady() && !policy.awaitReady(scanning.policyWait())) {
                spool.discard(queueId);
                return Judged.refused(refuseData("451 4.3.0 Error: mail policy not loaded yet, try again later"));
            }
            byte[] stored = spool.readBody(queueId);
            byte[] prefix = Arrays.copyOf(stored, prefixLength);
            byte[] data = Arrays.copyOfRange(stored, prefixLength, stored.length);
            MessageRef ref = new MessageRef(queueId, body.messageId(), sender, List.copyOf(recipients),
                    body.sizeBytes(), client.getHostAddress(), nodeId);
            DataPhaseResult result;
            try {
                result = scanning.processor().process(data, new Envelope(sender, recipients, client.getHostAddress(),
                        helo));
            } catch (RuntimeException e) {
                // Never deliver what could not be judged; the sender's server retries.
                log.error("{}: scanning failed", queueId, e);
                spool.discard(queueId);
                return Judged.refused(refuseData("451 4.3.0 Error: message could not be scanned, try again later"));
            }
            Instant at = clock.instant();
            MessageScannedEvent scan = result.toEvent(ref, at);
            if (result.backupOriginal()) {
                try {
                    scanning.backup().store(new BackupSink.Copy(BackupSink.backupIdOf(queueId),
                            ref.withRecipients(result.backupRecipients()), result.backupTriggers(), result.report(),
                            stored));
                } catch (BackupSink.BackupFailedException e) {
                    log.error("{}: the rule asks for a Backup copy, which could not be kept", queueId, e);
                    spool.discard(queueId);
                    return Judged.refused(refuseData("451 4.3.0 Error: Backup copy could not be kept, try again later"));
                }
            }
            if (result.rejectData()) {
                spool.discard(queueId);
                events.dataRejected(scan, result.reply());
                log.info("{}: reject DATA from {}: {} ({})", queueId, client.getHostAddress(), result.reply(),
                        scan.decisions().stream().flatMap(d -> d.reasons().stream()).toList());
                return Judged.refused(result.reply());
            }
            Map<String, RecipientState> states = new LinkedHashMap<>();
            recipients.forEach(r -> states.put(r, RecipientState.pending(r)));
            List<byte[]> variantBodies = new ArrayList<>();
            List<List<String>> variantRecipients = new ArrayList<>();
            for (int i = 0; i < result.groups().size(); i++) {
                GroupOutcome group = result.groups().get(i);
                if (!group.delivers()) {
                    String why = "deleted by policy: rule '" + group.disposition().ruleName() + "', "
                            + (group.applied() == group.disposition().action() ? group.applied()
                                    : group.disposition().action() + " as " + group.applied());
                    group.group().recipients().forEach(r -> states.put(r,
                            RecipientState.pending(r).withOutcome(RecipientStatus.DELETED, null, why, 0, at)));
                    continue;
                }
                byte[] delivered = result.deliveries().get(i);
                if (delivered == null || Arrays.equals(delivered, data)) {
                    continue;
                }
                int same = -1;
                for (int v = 0; v < variantBodies.size() && same < 0; v++) {
                    same = Arrays.equals(variantBodies.get(v), delivered) ? v : -1;
                }
                if (same >= 0) {
                    variantRecipients.get(same).addAll(group.group().recipients());
                } else {
                    variantBodies.add(delivered);
                    variantRecipients.add(new ArrayList<>(group.group().recipients()));
                }
            }
            List<BodyVariant> variants = new ArrayList<>();
            for (int v = 0; v < variantBodies.size(); v++) {
                byte[] delivered = variantBodies.get(v);
                byte[] file = new byte[prefix.length + delivered.length];
                System.arraycopy(prefix, 0, file, 0, prefix.length);
                System.arraycopy(delivered, 0, file, prefix.length, delivered.length);
                variants.add(spool.writeVariant(queueId, v + 1, variantRecipients.get(v), file));
            }
            return new Judged(null, List.copyOf(states.values()), variants, scan);
        }
    }

    /** The outcome of judging: a reply that ends the transaction, or what to commit. */
    private record Judged(String reply, List<RecipientState> states, List<BodyVariant> variants,
            MessageScannedEvent scan) {
        static Judged refused(String reply) {
            return new Judged(reply, List.of(), List.of(), null);
        }
    }

    /** Sender-specified routing in a local part (Postfix allow_untrusted_routing = no). */
    static boolean hasSenderRouting(String local) {
        return local.indexOf('%') >= 0 || local.indexOf('!') >= 0 || local.indexOf('@') >= 0;
    }

    /**
     * Counts {@code Received:} header fields in the header section while the content streams
     * through (RFC 5321 6.3 loop detection by hop count, Postfix {@code hopcount_limit}).
     */
    private static final class HopCounter extends FilterInputStream {
        private static final byte[] NAME = "received:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private boolean inHeader = true;
        private boolean lineStart = true;
        private int matched;
        private boolean emptyLine = true; // an empty first line ends an empty header section
        private int count;

        HopCounter(InputStream in) {
            super(in);
        }

        int count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                scan(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n && inHeader; i++) {
                scan(buffer[offset + i] & 0xff);
            }
            return n;
        }

        private void scan(int b) {
            if (!inHeader) {
                return;
            }
            if (b == '\n') {
                if (emptyLine) {
                    inHeader = false;
                }
                lineStart = true;
                emptyLine = true;
                matched = 0;
                return;
            }
            if (b != '\r') {
                emptyLine = false;
            }
            if (lineStart) {
                matched = 0;
                lineStart = false;
            }
            if (matched >= 0 && matched < NAME.length) {
                if (Character.toLowerCase(b) == NAME[matched]) {
                    matched++;
                    if (matched == NAME.length) {
                        count++;
                        matched = -1;
                    }
                } else {
                    matched = -1;
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported while counting hops");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public String toString() {
            return "HopCounter[" + count + "]";
        }
    }
}
