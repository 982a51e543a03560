package io.bulwark.gateway.quarantine;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.quarantine.RecheckOutcome;
import io.bulwark.events.quarantine.SpamQuarantineDeletedEvent;
import io.bulwark.events.quarantine.SpamQuarantineEvents;
import io.bulwark.events.quarantine.SpamQuarantineExpiredEvent;
import io.bulwark.events.quarantine.SpamQuarantineHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineNotHeldEvent;
import io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent;
import io.bulwark.events.quarantine.SpamQuarantineReleasedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.intake.ClientNames;
import io.bulwark.gateway.intake.HoldGate;
import io.bulwark.gateway.intake.Rejudging;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.scan.message.ClientName;
import io.bulwark.scan.message.Envelope;
import io.bulwark.store.EventAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Anti-Spam Quarantine of one gateway node (reference notes D.3): a temporary hold for messages
 * whose anti-spam rating fell in their rule's uncertain band ({@link QuarantineBand}), re-checked
 * after a delay with the node's data of then, and released, deleted or expired.
 *
 * <p>Where the message lives: it stays in the spool, committed like any other (so it survives
 * kill -9 as any accepted message does); the quarantine adds a durable {@link HoldRecord} written
 * <em>before</em> the spool commit, and keeps the delivery scheduler from attempting the message
 * (the scheduler's hold) until it leaves. At start every record whose message is in the spool is
 * held again and its re-check scheduled (an overdue one runs at once); a record without its message
 * is dropped.
 *
 * <p>The moves, each an event of {@code io.bulwark.events.quarantine} with a deterministic id:
 * <ul>
 *   <li>held at intake ({@link #beforeCommit}); when the quarantine is full (most messages or most
 *       bytes of this node), the message is not held and goes on as decided ({@code NotHeld});</li>
 *   <li>re-checked at {@code recheckAt} ({@link Rejudging}): judged again and released to what the
 *       rules now say, or, on a temporary failure, re-checked again after the delay;</li>
 *   <li>expired: no re-check succeeded before the maximum hold time: delivered as decided at
 *       intake;</li>
 *   <li>released or deleted by an administrator through queue control ({@link #release},
 *       {@link #deleted}).</li>
 * </ul>
 * Exactly one of those ends a hold: whoever removes the message's record from {@link #held} first
 * owns the exit, so a re-check that finishes after an administrator's release changes nothing.
 *
 * <p>Thread-safe. Timer on one platform thread; re-checks on at most {@value #RECHECK_CONCURRENCY}
 * virtual threads, so a node coming back after a long stop does not load every held message into
 * memory at once.
 */
public final class SpamQuarantine implements HoldGate, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpamQuarantine.class);
    static final int RECHECK_CONCURRENCY = 2;
    /** How soon a re-check is tried again when the node's policy is not loaded yet (start-up). */
    private static final Duration NOT_READY_RETRY = Duration.ofSeconds(10);
    private static final Duration SPOOL_NOT_READY_RETRY = Duration.ofSeconds(1);

    /**
     * The node's quarantine settings ({@code bulwark.antispam.quarantine.*}).
     *
     * @param recheckDelay how long after the hold (and after a failed re-check) a re-check runs
     * @param maxHoldTime  how long a message may stay held at most
     * @param maxMessages  most messages held at once on this node
     * @param maxBytes     most bytes held at once on this node
     */
    public record Settings(Duration recheckDelay, Duration maxHoldTime, int maxMessages, long maxBytes) {
    }

    private final String nodeId;
    private final Spool spool;
    private final DeliveryScheduler scheduler;
    private final Rejudging rejudging;
    private final ClientNames clientNames;
    private final EventAppender appender;
    private final HoldRecords records;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, HoldRecord> held = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final Object admission = new Object();
    private final ScheduledExecutorService timer;
    private final ExecutorService rechecks;

    /**
     * Restores the holds of the previous run into the scheduler; construct before the scheduler
     * starts (the wiring sees to it), so no held message is attempted.
     */
    public SpamQuarantine(String nodeId, Spool spool, DeliveryScheduler scheduler, Rejudging rejudging,
            ClientNames clientNames, EventAppender appender, Path directory, Settings settings, Clock clock)
            throws IOException {
        this.nodeId = nodeId;
        this.spool = spool;
        this.scheduler = scheduler;
        this.rejudging = rejudging;
        this.clientNames = clientNames;
        this.appender = appender;
        this.records = new HoldRecords(directory);
        this.settings = settings;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bulwark-spam-quarantine").daemon(true).factory());
        this.rechecks = Executors.newFixedThreadPool(RECHECK_CONCURRENCY,
                Thread.ofVirtual().name("bulwark-spam-recheck-", 0).factory());
        restore();
    }

    private void restore() throws IOException {
        for (HoldRecord record : records.readAll()) {
            Optional<SpoolMetadata> message = spool.read(record.queueId());
            if (message.isEmpty() || message.get().pendingRecipients().isEmpty()) {
                records.delete(record.queueId()); // it left the spool before its record went
                continue;
            }
            held.put(record.queueId(), record);
            heldBytes.addAndGet(record.sizeBytes());
            scheduler.hold(record.queueId());
            append(record.queueId() + ":asq:held", heldEvent(message.get(), record)); // lost before a crash? now stored
            schedule(record.queueId(), record.recheckAt());
        }
        if (!held.isEmpty()) {
            log.info("Anti-Spam Quarantine: {} message(s) held", held.size());
        }
    }

    // ---- intake

    @Override
    public Hold beforeCommit(SpoolMetadata metadata, DataPhaseResult result, Envelope envelope, int prefixLength)
            throws IOException {
        Optional<QuarantineBand.Candidate> candidate = QuarantineBand.of(result);
        if (candidate.isEmpty()) {
            return Hold.NONE;
        }
        QuarantineBand.Candidate why = candidate.get();
        String queueId = metadata.queueId();
        Instant now = clock.instant();
        HoldRecord record = new HoldRecord(queueId, why.ruleIds(), why.ruleNames(), why.rating(), why.statuses(), now,
                now.plus(settings.recheckDelay()), now.plus(settings.recheckDelay()), now.plus(settings.maxHoldTime()), 0,
                metadata.sizeBytes(), prefixLength, envelope.trusted(), envelope.authenticated());
        String full;
        synchronized (admission) {
            full = fullness(metadata.sizeBytes());
            if (full == null) {
                records.write(record); // durable before the spool commit
                held.put(queueId, record);
                heldBytes.addAndGet(record.sizeBytes());
                scheduler.hold(queueId);
            }
        }
        if (full != null) {
            log.warn("{}: rating {} in the Anti-Spam Quarantine band of {}, not held: {}", queueId, why.rating(),
                    why.ruleNames(), full);
            return new Hold() {
                @Override
                public void committed() {
                    append(queueId + ":asq:not-held", new SpamQuarantineNotHeldEvent(ref(metadata), why.ruleIds(),
                            why.ruleNames(), why.rating(), full, SpamQuarantineEvents.SYSTEM, now));
                }

                @Override
                public void abandoned() {
                }
            };
        }
        return new Hold() {
            @Override
            public void committed() {
                log.info("{}: held in the Anti-Spam Quarantine (rating {}, rules {}), re-check at {}", queueId,
                        why.rating(), why.ruleNames(), record.recheckAt());
                append(queueId + ":asq:held", heldEvent(metadata, record));
                schedule(queueId, record.recheckAt());
            }

            @Override
            public void abandoned() {
                if (claim(queueId) != null) {
                    scheduler.release(queueId);
                    deleteRecordQuietly(queueId);
                }
            }
        };
    }

    /** Why a message of {@code size} bytes cannot be held now, or null. */
    private String fullness(long size) {
        if (held.size() >= settings.maxMessages()) {
            return "quarantine full: " + settings.maxMessages() + " messages";
        }
        if (heldBytes.get() + size > settings.maxBytes()) {
            return "quarantine full: " + settings.maxBytes() + " bytes";
        }
        return null;
    }

    // ---- administrators (through queue control)

    /** Whether the message is in this node's quarantine. */
    public boolean holds(String queueId) {
        return held.containsKey(queueId);
    }

    /** Messages held on this node. */
    public int size() {
        return held.size();
    }

    /**
     * An administrator's release: the message leaves the quarantine and is delivered as decided at
     * intake, at once. Returns the completion of its event, or null when it was not held here.
     */
    public CompletableFuture<Void> release(String queueId, String requestId, String actor) {
        HoldRecord record = claim(queueId);
        if (record == null) {
            return null;
        }
        deleteRecordQuietly(queueId);
        scheduler.release(queueId);
        log.info("{}: released from the Anti-Spam Quarantine by {}", queueId, actor);
        return append(requestId + ":asq-release:" + queueId, new SpamQuarantineReleasedEvent(pending(queueId),
                record.ruleIds(), record.ruleNames(), requestId, actor, clock.instant()));
    }

    /**
     * Called by queue control after an administrator's deletion removed a held message from the
     * spool: the quarantine forgets it and records its side.
     */
    public CompletableFuture<Void> deleted(MessageRef message, String requestId, String actor) {
        HoldRecord record = claim(message.queueId());
        if (record == null) {
            return CompletableFuture.completedFuture(null);
        }
        deleteRecordQuietly(message.queueId());
        return append(requestId + ":asq-delete:" + message.queueId(), new SpamQuarantineDeletedEvent(message,
                record.ruleIds(), record.ruleNames(), requestId, actor, clock.instant()));
    }

    // ---- re-checks

    private void schedule(String queueId, Instant at) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            timer.schedule(() -> submit(queueId), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the next start re-checks it from its record
        }
    }

    private void submit(String queueId) {
        try {
            rechecks.execute(() -> recheck(queueId));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Re-checks one held message now (the timer calls it when due). */
    void recheck(String queueId) {
        HoldRecord record = held.get(queueId);
        if (record == null) {
            return; // released or deleted meanwhile
        }
        if (!scheduler.spoolRecovered()) {
            // an overdue re-check restored at start-up: the spool's recovery, which removes variant
            // files no entry lists, must be done before this one writes its new ones
            schedule(queueId, clock.instant().plus(SPOOL_NOT_READY_RETRY));
            return;
        }
        try {
            Optional<SpoolMetadata> stored = spool.read(queueId);
            if (stored.isEmpty()) {
                if (claim(queueId) != null) {
                    deleteRecordQuietly(queueId);
                }
                return;
            }
            Rejudging.Outcome outcome = rejudging.judge(stored.get(), envelope(stored.get(), record),
                    record.prefixLength());
            switch (outcome) {
                case Rejudging.Judged judged -> released(record, judged);
                case Rejudging.Temporary temporary -> failed(record, temporary.reason(), stored.get());
            }
        } catch (IOException | RuntimeException e) {
            log.error("{}: Anti-Spam Quarantine re-check failed", queueId, e);
            try {
                failed(record, "re-check failed: " + e, spool.read(queueId).orElse(null));
            } catch (IOException | RuntimeException again) {
                // the record could not be rewritten either: try again after the delay from memory
                log.error("{}: Anti-Spam Quarantine record not updated", queueId, again);
                schedule(queueId, clock.instant().plus(settings.recheckDelay()));
            }
        }
    }

    private void released(HoldRecord record, Rejudging.Judged judged) throws IOException {
        String queueId = record.queueId();
        if (claim(queueId) == null) {
            rejudging.abandon(judged); // an administrator was first; the entry never lists these files
            return;
        }
        try {
            rejudging.commit(judged);
        } catch (IOException e) {
            put(record); // still held; retried after the delay
            throw e;
        }
        deleteRecordQuietly(queueId);
        scheduler.release(queueId);
        int attempt = record.attempts() + 1;
        ModuleVerdict verdict = verdictOf(judged.result(), record);
        List<String> reasons = judged.result().groups().stream().flatMap(g -> g.disposition().reasons().stream())
                .toList();
        log.info("{}: re-checked in the Anti-Spam Quarantine: rating {} -> {}, delivered to {}, deleted for {}",
                queueId, record.rating(), verdict == null ? "-" : verdict.score(), judged.deliveredTo(),
                judged.deletedFor());
        append(queueId + ":asq:recheck:" + attempt, new SpamQuarantineRecheckedEvent(
                judged.updated().ref(held(judged)), record.ruleIds(), record.ruleNames(),
                record.rating(), verdict, RecheckOutcome.RELEASED, judged.deliveredTo(), judged.deletedFor(), reasons,
                null, attempt, SpamQuarantineEvents.SYSTEM, clock.instant()));
    }

    private void failed(HoldRecord record, String reason, SpoolMetadata stored) throws IOException {
        String queueId = record.queueId();
        Instant now = clock.instant();
        if (reason.startsWith("mail policy not loaded") && now.isBefore(record.expiresAt())) {
            schedule(queueId, now.plus(NOT_READY_RETRY)); // start-up: not a re-check yet
            return;
        }
        int attempt = record.attempts() + 1;
        MessageRef ref = stored == null ? new MessageRef(queueId, null, null, List.of(), record.sizeBytes(), null, nodeId)
                : ref(stored);
        if (!now.isBefore(record.expiresAt())) {
            if (claim(queueId) == null) {
                return;
            }
            deleteRecordQuietly(queueId);
            scheduler.release(queueId);
            log.warn("{}: Anti-Spam Quarantine hold expired ({}); delivered as decided at intake", queueId, reason);
            append(queueId + ":asq:expired", new SpamQuarantineExpiredEvent(ref, record.ruleIds(), record.ruleNames(),
                    record.heldAt(), reason, SpamQuarantineEvents.SYSTEM, now));
            return;
        }
        Instant next = now.plus(settings.recheckDelay());
        if (next.isAfter(record.expiresAt())) {
            next = record.expiresAt();
        }
        HoldRecord retried = record.retriedAt(next);
        boolean still = held.computeIfPresent(queueId, (id, current) -> {
            try {
                records.write(retried);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return retried;
        }) != null;
        if (!still) {
            return;
        }
        log.info("{}: Anti-Spam Quarantine re-check not possible now ({}); next at {}", queueId, reason, next);
        append(queueId + ":asq:recheck:" + attempt, new SpamQuarantineRecheckedEvent(ref, record.ruleIds(),
                record.ruleNames(), record.rating(), null, RecheckOutcome.RETRY, List.of(), List.of(),
                List.of(reason), next, attempt, SpamQuarantineEvents.SYSTEM, now));
        schedule(queueId, next);
    }

    /** The anti-spam verdict under the first rule that held the message, else the first group's. */
    private static ModuleVerdict verdictOf(DataPhaseResult result, HoldRecord record) {
        ModuleVerdict first = null;
        for (int i = 0; i < result.groups().size(); i++) {
            Optional<ModuleVerdict> v = result.groupReports().get(i).verdict(ProtectionModule.ANTI_SPAM);
            if (v.isEmpty()) {
                continue;
            }
            if (record.ruleIds().contains(result.groups().get(i).group().rule().ruleId())) {
                return v.get();
            }
            if (first == null) {
                first = v.get();
            }
        }
        return first;
    }

    /** The envelope the intake judged with, rebuilt from the spool entry and the record. */
    private Envelope envelope(SpoolMetadata message, HoldRecord record) {
        ClientName name;
        try {
            name = clientNames.of(InetAddress.getByName(message.clientAddress()));
        } catch (UnknownHostException e) {
            name = ClientName.unknown(); // not an address literal: cannot happen for an SMTP client
        }
        return new Envelope(message.sender(), message.recipientAddresses(), message.clientAddress(),
                message.heloName(), name, message.tlsProtocol(), message.tlsCipher(), record.authenticated(),
                record.trusted());
    }

    // ---- state

    /** Takes the message out of the quarantine's memory; the caller owns its exit. Null if not held. */
    private HoldRecord claim(String queueId) {
        HoldRecord record = held.remove(queueId);
        if (record != null) {
            heldBytes.addAndGet(-record.sizeBytes());
        }
        return record;
    }

    private void put(HoldRecord record) {
        if (held.putIfAbsent(record.queueId(), record) == null) {
            heldBytes.addAndGet(record.sizeBytes());
        }
    }

    private void deleteRecordQuietly(String queueId) {
        try {
            records.delete(queueId);
        } catch (IOException e) {
            // the message is released all the same; at the next start the record finds it gone
            // or (if still queued) holds it again until its re-check
            log.warn("{}: could not remove its Anti-Spam Quarantine record", queueId, e);
        }
    }

    private MessageRef pending(String queueId) {
        try {
            return spool.read(queueId).map(SpamQuarantine::ref)
                    .orElse(new MessageRef(queueId, null, null, List.of(), 0, null, nodeId));
        } catch (IOException e) {
            return new MessageRef(queueId, null, null, List.of(), 0, null, nodeId);
        }
    }

    private static MessageRef ref(SpoolMetadata message) {
        List<String> pending = message.pendingRecipients().stream().map(RecipientState::address).toList();
        return message.ref(pending.isEmpty() ? message.recipientAddresses() : pending);
    }

    /** The recipients that were held: every one the re-judgement decided for. */
    private static List<String> held(Rejudging.Judged judged) {
        List<String> all = new ArrayList<>(judged.deliveredTo());
        all.addAll(judged.deletedFor());
        return all;
    }

    private SpamQuarantineHeldEvent heldEvent(SpoolMetadata message, HoldRecord record) {
        return new SpamQuarantineHeldEvent(ref(message), record.ruleIds(), record.ruleNames(), record.rating(),
                record.statuses(), record.firstRecheckAt(), record.expiresAt(), SpamQuarantineEvents.SYSTEM,
                record.heldAt());
    }

    private CompletableFuture<Void> append(String key, Object event) {
        return io.bulwark.gateway.events.KeyedEvents.append(appender, key, event, clock.instant());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        rechecks.shutdownNow();
    }
}
