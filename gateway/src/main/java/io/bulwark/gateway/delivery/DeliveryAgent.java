package io.bulwark.gateway.delivery;

import io.bulwark.events.message.DeliveryTls;
import io.bulwark.gateway.dns.DnsResolver;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.routing.Route;
import io.bulwark.gateway.routing.Router;
import io.bulwark.gateway.routing.TlsPolicy;
import io.bulwark.gateway.spool.BodyVariant;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.RecipientStatus;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one delivery attempt for one spooled message, and finishes it when every recipient is
 * final: the heart of the outbound queue.
 *
 * <p>An attempt: persist the incremented attempt counter (so this attempt's events get their own
 * ids even after a crash); group the pending recipients by next hop ({@link Router}) and run one
 * SMTP transaction per group, trying MX hosts by preference and each host's addresses in turn
 * (at most {@value #MAX_ADDRESSES} addresses per group, as Postfix's smtp_mx_address_limit);
 * 2xx means delivered, 5xx bounced, 4xx or a broken connection deferred. A DSN is queued for the
 * recipients that bounced (unless the sender is null). Recipients still pending after
 * {@code max-queue-lifetime} are bounced. The new state is persisted, then events are appended.
 *
 * <p>Each group takes a slot of its destination ({@link DestinationLimiter}), so one domain never
 * gets more than {@code destination-concurrency-limit} parallel connections. Recipients are
 * grouped by next hop and TLS policy, so two domains behind one server with different policies
 * never share a connection. When {@code delay-warning-time} is set and recipients are still
 * deferred that long after receipt, the sender gets one "delayed" DSN (never for the null sender).
 *
 * <p>Finishing: the events of the whole life of the message are rebuilt from its metadata and
 * appended, and only when the appender confirms they are durable is the spool entry deleted. A
 * crash between a successful transaction and the metadata update causes a second delivery on
 * restart: at-least-once, the usual MTA trade-off.
 *
 * <p>Thread-safe provided one queue id is handled by one thread at a time (the scheduler's job).
 */
public final class DeliveryAgent {
    static final int MAX_ADDRESSES = 5;
    private static final Logger log = LoggerFactory.getLogger(DeliveryAgent.class);
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final Spool spool;
    private final java.util.function.Supplier<Router> router;
    private final DnsResolver dns;
    private final SmtpClient client;
    private final Bouncer bouncer;
    private final MessageEventPublisher events;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Duration maxQueueLifetime;
    private final Duration delayWarningTime;
    private final DestinationLimiter destinations;
    private final NextHopResolver hops;
    private final Clock clock;
    private final OutboundSigner signer;

    /**
     * @param delayWarningTime           age of a deferred message at which the sender is warned;
     *                                   zero disables warnings
     * @param destinationConcurrencyLimit most parallel deliveries to one next hop
     */
    public DeliveryAgent(Spool spool, Router router, DnsResolver dns, SmtpClient client, Bouncer bouncer,
            MessageEventPublisher events, Duration retryInitial, Duration retryMax, Duration maxQueueLifetime,
            Duration delayWarningTime, int destinationConcurrencyLimit, Clock clock) {
        this(spool, () -> router, dns, client, bouncer, events, retryInitial, retryMax, maxQueueLifetime, delayWarningTime,
                destinationConcurrencyLimit, clock, OutboundSigner.NONE);
    }

    /**
     * @param router the routing in force when a message's recipients are grouped (settings changed from
     *               the console apply to the next delivery attempt)
     * @param signer signs outgoing mail (DKIM) over the bytes of each transaction; {@link OutboundSigner#NONE}
     *               for none
     */
    public DeliveryAgent(Spool spool, java.util.function.Supplier<Router> router, DnsResolver dns, SmtpClient client, Bouncer bouncer,
            MessageEventPublisher events, Duration retryInitial, Duration retryMax, Duration maxQueueLifetime,
            Duration delayWarningTime, int destinationConcurrencyLimit, Clock clock, OutboundSigner signer) {
        this.signer = signer;
        this.delayWarningTime = delayWarningTime;
        this.hops = new NextHopResolver(dns);
        this.destinations = new DestinationLimiter(destinationConcurrencyLimit);
        this.spool = spool;
        this.router = router;
        this.dns = dns;
        this.client = client;
        this.bouncer = bouncer;
        this.events = events;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.maxQueueLifetime = maxQueueLifetime;
        this.clock = clock;
    }

    /**
     * What an attempt left to do.
     *
     * @param nextRun   when to run this message again, or empty when it left the spool
     * @param generated messages the attempt queued (DSNs), to be scheduled
     */
    public record AttemptResult(Optional<Instant> nextRun, List<SpoolMetadata> generated) {
    }

    /**
     * Runs one attempt on the message, or finishes it if nothing is pending.
     *
     * @param transactionsDone run once the attempt's SMTP transactions are over and before it waits
     *                         for its final events to be durable (usually up to the event appender's
     *                         linger, at most {@code EVENT_WAIT}), so the caller can free the delivery
     *                         slot for the next message; it may not run at all (the caller then frees
     *                         the slot after the attempt)
     */
    public AttemptResult attempt(String queueId, Runnable transactionsDone) throws IOException {
        Optional<SpoolMetadata> stored = spool.read(queueId);
        if (stored.isEmpty()) {
            return new AttemptResult(Optional.empty(), List.of());
        }
        SpoolMetadata message = stored.get();
        if (message.isComplete()) {
            transactionsDone.run();
            return new AttemptResult(finish(message, false), List.of());
        }
        Instant start = clock.instant();
        int attempt = message.attempts() + 1;
        message = message.withSchedule(attempt, message.nextAttemptAt());
        // The attempt number is persisted with the attempt's outcome below, not before the attempt
        // (that write cost two fsyncs per message). Event ids stay unique per attempt: nothing of an
        // attempt but its MessageQueued(ACTIVE) is appended before that outcome is on disk, so an
        // attempt cut short by a crash is redone under the same number and only its ACTIVE event
        // is a duplicate, which the store drops (ADR 0033).
        events.active(message, start);

        Map<Group, List<RecipientState>> groups = new LinkedHashMap<>();
        for (RecipientState r : message.pendingRecipients()) {
            String domain = r.address().substring(r.address().lastIndexOf('@') + 1);
            int variant = message.variantFor(r.address()).map(BodyVariant::index).orElse(0);
            groups.computeIfAbsent(new Group(router.get().route(domain), router.get().tlsPolicy(domain), variant),
                    k -> new ArrayList<>()).add(r);
        }
        Map<String, RecipientState> outcomes = new HashMap<>();
        for (Map.Entry<Group, List<RecipientState>> group : groups.entrySet()) {
            for (RecipientState r : limitedGroup(message, group.getKey(), group.getValue(), attempt)) {
                outcomes.put(r.address(), r);
            }
        }

        Instant now = clock.instant();
        boolean expired = !now.isBefore(message.receivedAt().plus(maxQueueLifetime));
        List<RecipientState> updated = new ArrayList<>();
        List<RecipientState> newlyBounced = new ArrayList<>();
        List<RecipientState> deferred = new ArrayList<>();
        for (RecipientState r : message.recipients()) {
            RecipientState next = outcomes.getOrDefault(r.address(), r);
            if (next.status() == RecipientStatus.PENDING && expired) {
                next = next.withOutcome(RecipientStatus.BOUNCED, next.nextHop(),
                        "4.4.7 message delayed longer than " + maxQueueLifetime + "; last error: " + next.reply(),
                        attempt, now);
            }
            if (!r.status().isFinal() && next.status() == RecipientStatus.BOUNCED) {
                newlyBounced.add(next);
            } else if (next.status() == RecipientStatus.PENDING) {
                deferred.add(next);
            }
            updated.add(next);
        }

        List<SpoolMetadata> generated = new ArrayList<>();
        if (!newlyBounced.isEmpty() && !message.hasNullSender()) {
            // Queued before the metadata update: a crash in between sends a second DSN, never none.
            SpoolMetadata dsn = bouncer.bounce(message.withRecipients(updated), newlyBounced, now);
            generated.add(dsn);
            List<String> bounced = newlyBounced.stream().map(RecipientState::address).toList();
            updated = updated.stream()
                    .map(r -> bounced.contains(r.address()) ? r.withDsn(dsn.queueId()) : r)
                    .toList();
        }

        Instant nextAttemptAt = deferred.isEmpty() ? now : nextAttempt(message, attempt, now);
        message = message.withRecipients(updated).withSchedule(attempt, nextAttemptAt);
        if (!deferred.isEmpty() && !delayWarningTime.isZero() && !message.delayWarningSent()
                && !message.hasNullSender() && !now.isBefore(message.receivedAt().plus(delayWarningTime))) {
            // Queued before the metadata update, like a bounce: a crash in between can warn twice, never zero times.
            SpoolMetadata warning = bouncer.delayed(message, deferred, now,
                    message.receivedAt().plus(maxQueueLifetime));
            generated.add(warning);
            message = message.withDelayWarningSent();
            log.info("{}: delay warning {} sent to <{}>", message.queueId(), warning.queueId(), message.sender());
        }
        if (message.isComplete()) {
            // Every recipient is final: no spool update (it cost two fsyncs per message, ADR 0042).
            // The final events go to the event store and the entry is removed once they are durable;
            // a crash before that redoes the attempt (at-least-once), as a crash between a
            // transaction and its update always did.
            log(message, attempt);
            transactionsDone.run();
            return new AttemptResult(finish(message, true), generated);
        }
        spool.update(message);
        log(message, attempt);

        if (!deferred.isEmpty()) {
            events.deferred(message, deferred, nextAttemptAt);
        }
        events.outcomes(message);
        return new AttemptResult(Optional.of(nextAttemptAt), generated);
    }

    /** Exponential back-off from retry-initial, capped at retry-max, never past the expiry. */
    private Instant nextAttempt(SpoolMetadata message, int attempt, Instant now) {
        Duration delay = retryInitial;
        for (int i = 1; i < attempt && delay.compareTo(retryMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(retryMax) > 0) {
            delay = retryMax;
        }
        Instant next = now.plus(delay);
        Instant expiry = message.receivedAt().plus(maxQueueLifetime);
        return next.isAfter(expiry) ? expiry : next;
    }

    /**
     * Appends the final events, waits until they are durable, then removes the spool entry.
     *
     * @param unsaved whether {@code message}'s final state is not in the spool yet: it is written
     *                there when the events are not confirmed, so that the retry finishes instead of
     *                delivering again
     */
    private Optional<Instant> finish(SpoolMetadata message, boolean unsaved) throws IOException {
        try {
            events.outcomes(message).get(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{}: final events not confirmed, keeping the spool entry and retrying", message.queueId(), e);
            if (unsaved) {
                spool.update(message);
            }
            return Optional.of(clock.instant().plus(retryInitial));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (unsaved) {
                spool.update(message);
            }
            return Optional.of(clock.instant());
        }
        spool.delete(message);
        log.info("{}: removed", message.queueId());
        return Optional.empty();
    }

    /**
     * Recipients sharing a next hop, a TLS policy and a body (the original, 0, or a policy variant):
     * one SMTP transaction.
     */
    private record Group(Route route, TlsPolicy tls, int variant) {
    }

    /** Deliveries currently waiting for a slot to {@code destination} (a route, e.g. {@code [host]:25}). */
    public int waitingFor(String destination) {
        return destinations.waiting(destination);
    }

    private List<RecipientState> limitedGroup(SpoolMetadata message, Group group, List<RecipientState> recipients,
            int attempt) {
        String destination = group.route().toString();
        try {
            destinations.acquire(destination);
        } catch (InterruptedException e) {
            // Stopping: leave the recipients pending; the next start retries them.
            Thread.currentThread().interrupt();
            Instant at = clock.instant();
            return recipients.stream().map(r -> r.withOutcome(RecipientStatus.PENDING, destination,
                    "4.3.2 delivery interrupted by shutdown", attempt, at)).toList();
        }
        try {
            return deliverGroup(message, group.route(), group.tls(), recipients, attempt);
        } finally {
            destinations.release(destination);
        }
    }

    private List<RecipientState> deliverGroup(SpoolMetadata message, Route route, TlsPolicy policy,
            List<RecipientState> group, int attempt) {
        NextHopResolver.Targets targets = hops.resolve(route);
        Instant now = clock.instant();
        if (targets.failure() != null) {
            RecipientStatus status = targets.permanent() ? RecipientStatus.BOUNCED : RecipientStatus.PENDING;
            return group.stream()
                    .map(r -> r.withOutcome(status, route.toString(), targets.failure(), attempt, now))
                    .toList();
        }
        List<String> recipients = group.stream().map(RecipientState::address).toList();
        // Every recipient of the group shares one body (the group key includes the variant).
        Optional<BodyVariant> variant = message.variantFor(recipients.getFirst());
        SmtpClient.Envelope envelope = new SmtpClient.Envelope(message.sender(), recipients,
                variant.map(BodyVariant::sizeBytes).orElse(message.sizeBytes()),
                variant.map(BodyVariant::eightBit).orElse(message.eightBit()),
                spool.bodyPathFor(message, recipients.getFirst()),
                variant.map(BodyVariant::insertedHeaderBytes).orElse(null),
                variant.map(BodyVariant::insertAt).orElse(0L));
        envelope = signed(message, envelope);
        String lastHop = route.toString();
        String lastError = "no usable address for " + route;
        DeliveryTls lastTls = null;
        boolean allPermanent = true;
        int tried = 0;
        outer:
        for (NextHopResolver.Target target : targets.hosts()) {
            for (InetAddress address : target.addresses()) {
                if (tried++ >= MAX_ADDRESSES) {
                    break outer;
                }
                String hop = target.name() + "[" + address.getHostAddress() + "]:" + route.port();
                lastHop = hop;
                SmtpClient.Destination destination = new SmtpClient.Destination(
                        new InetSocketAddress(address, route.port()), target.name(), policy);
                try {
                    SmtpClient.Result result = client.send(destination, envelope);
                    return outcomesOf(group, result, hop, attempt);
                } catch (SmtpClient.SessionFailure f) {
                    if (f.stage().equals("MAIL") && f.permanent()) {
                        Instant at = clock.instant();
                        return group.stream().map(r -> r.withOutcome(RecipientStatus.BOUNCED, hop,
                                f.description(), attempt, at, f.tls())).toList();
                    }
                    allPermanent &= f.permanent();
                    lastError = f.description();
                    lastTls = f.tls();
                } catch (IOException e) {
                    allPermanent = false;
                    lastError = "4.4.1 connect to " + hop + ": " + e.getMessage();
                    lastTls = null;
                }
            }
        }
        RecipientStatus status = allPermanent && tried > 0 ? RecipientStatus.BOUNCED : RecipientStatus.PENDING;
        Instant at = clock.instant();
        String hop = lastHop;
        String error = lastError;
        DeliveryTls tls = lastTls;
        return group.stream().map(r -> r.withOutcome(status, hop, error, attempt, at, tls)).toList();
    }

    /**
     * The envelope with the signer's lines in front, made here, right before sending, because this is
     * the one place every version of the message passes in its final form: the spooled original with
     * our Received header, a policy variant (tags, removed attachments), or the original with the
     * header stage's lines inserted. Signing at intake would have to be repeated for each variant and
     * could still be broken by a later change; here the signature covers exactly the delivered bytes.
     * Each attempt signs afresh ({@code t=} is the time of sending). A message the signer cannot
     * read or sign goes out unsigned, logged: holding mail back for a signature would turn a key
     * problem into a mail outage.
     */
    private SmtpClient.Envelope signed(SpoolMetadata message, SmtpClient.Envelope envelope) {
        if (!message.outgoing() || signer == OutboundSigner.NONE) {
            return envelope;
        }
        try {
            byte[] content;
            try (java.io.InputStream in = Spool.openBody(envelope.body())) {
                if (envelope.insertedHeader() == null) {
                    content = in.readAllBytes();
                } else {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    out.write(in.readNBytes((int) envelope.insertAt()));
                    out.write(envelope.insertedHeader());
                    in.transferTo(out);
                    content = out.toByteArray();
                }
            }
            Optional<byte[]> lines = signer.sign(message, content);
            return lines.isPresent() ? envelope.withPrefix(lines.get()) : envelope;
        } catch (IOException | RuntimeException e) {
            log.error("{}: not signed, sending without a signature: {}", message.queueId(), e.toString());
            return envelope;
        }
    }

    private List<RecipientState> outcomesOf(List<RecipientState> group, SmtpClient.Result result, String hop,
            int attempt) {
        Instant at = clock.instant();
        List<RecipientState> out = new ArrayList<>();
        for (RecipientState r : group) {
            SmtpReply rcpt = result.recipientReplies().get(r.address());
            SmtpReply decisive = rcpt.isPositive() ? result.dataReply() : rcpt;
            RecipientStatus status;
            if (decisive == null) {
                status = RecipientStatus.PENDING;
            } else if (decisive.isPositive() && decisive != rcpt) {
                status = RecipientStatus.DELIVERED;
            } else if (decisive.isPermanent()) {
                status = RecipientStatus.BOUNCED;
            } else {
                status = RecipientStatus.PENDING;
            }
            String reply = decisive == null ? "no reply to DATA" : decisive.toString();
            out.add(r.withOutcome(status, hop, reply, attempt, at, result.tls()));
        }
        return out;
    }

    private static void log(SpoolMetadata message, int attempt) {
        for (RecipientState r : message.recipients()) {
            if (r.attempt() != attempt) {
                continue;
            }
            log.info("{}: to=<{}> relay={} attempt={} status={} ({})", message.queueId(), r.address(), r.nextHop(),
                    attempt, r.status(), r.reply());
        }
    }
}
