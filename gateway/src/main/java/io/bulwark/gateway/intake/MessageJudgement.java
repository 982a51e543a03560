package io.bulwark.gateway.intake;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.scan.policy.GroupOutcome;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.BodyVariant;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.scan.message.text.Printable;
import io.bulwark.scan.pipeline.CheckPipeline;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a spooled, not yet committed message before DATA is answered (ARCHITECTURE.md, "Message
 * lifecycle" 3-5): scan and decision through the {@link Judging.Processor} with the current
 * policy, then, in this order: a Backup copy of the original if a rule asks for one; if every group
 * rejects, the spool body is discarded and the client gets the 5xx; else every changed version is
 * written as a {@link BodyVariant} and recipients the policy does not deliver to start as deleted
 * ({@link DeliveryPlan}). A policy that is not loaded yet, a scan that fails unexpectedly or a
 * Backup that cannot be kept give a 451, never an unscanned delivery.
 *
 * <p>Thread-safe: shared by all sessions.
 */
final class MessageJudgement {
    private static final Logger log = LoggerFactory.getLogger(MessageJudgement.class);
    /** The most characters of one scan reason in the log (a DMARC verdict explained runs to ~500). */
    private static final int LOGGED_REASON_MAX = 2000;

    private final Spool spool;
    private final Judging judging;
    private final MessageEventPublisher events;
    private final IntakeSettings settings;
    private final JudgingBudget budget;

    /** What judging decided. */
    sealed interface Outcome {
    }

    /** Not to be committed: the body is already discarded, the refusal recorded; answer {@code reply}. */
    record Refused(String reply) implements Outcome {
    }

    /** To be committed with these recipient states and variants (already written and fsynced). */
    record Accepted(List<RecipientState> states, List<BodyVariant> variants, MessageScannedEvent scan,
            DataPhaseResult result) implements Outcome {
    }

    MessageJudgement(Spool spool, Judging judging, MessageEventPublisher events, IntakeSettings settings) {
        this.spool = spool;
        this.judging = judging;
        this.events = events;
        this.settings = settings;
        this.budget = new JudgingBudget(settings.judgingMemory(), settings.judgingSlots(), settings.judgingWait());
    }

    /**
     * @param prefix our Received header, as written at the start of the spooled body
     * @throws IOException when the spool cannot be read or a variant cannot be written (the
     *                     caller discards and answers 451)
     */
    Outcome judge(IntakeTransaction tx, BodyInfo body, byte[] prefix) throws IOException {
        return judge(tx, body, prefix, null);
    }

    /**
     * @param early the message's early start ({@link Judging.Processor#prefetch}), or null
     */
    Outcome judge(IntakeTransaction tx, BodyInfo body, byte[] prefix, CheckPipeline.Early early) throws IOException {
        String queueId = tx.queueId();
        GatewayPolicy policy = judging.policy();
        if (!policy.isReady() && !policy.awaitReady(settings.policyWait())) {
            spool.discardBody(queueId);
            return new Refused(tx.refuseData("451 4.3.0 Error: mail policy not loaded yet, try again later"));
        }
        java.util.Optional<JudgingBudget.Lease> lease;
        try {
            lease = budget.lease(body.sizeBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lease = java.util.Optional.empty();
        }
        if (lease.isEmpty()) {
            spool.discardBody(queueId);
            log.warn("{}: {} bytes wait for judging memory longer than {}; deferred", queueId, body.sizeBytes(),
                    settings.judgingWait());
            return new Refused(tx.refuseData("451 4.3.2 Error: too much mail being checked at once, try again later"));
        }
        try (JudgingBudget.Lease held = lease.get()) {
            return judgeHeld(tx, body, prefix, early);
        }
    }

    private Outcome judgeHeld(IntakeTransaction tx, BodyInfo body, byte[] prefix, CheckPipeline.Early early)
            throws IOException {
        String queueId = tx.queueId();
        // One copy of the message in memory: the content without our Received header, read from the
        // spooled file past it (the header itself is read on its own, it is small).
        byte[] data = spool.readBody(queueId, prefix.length);
        MessageRef ref = new MessageRef(queueId, body.messageId(), tx.sender(), tx.recipients(), body.sizeBytes(),
                tx.clientAddress(), settings.nodeId());
        DataPhaseResult result;
        IntakeFlightEvents.Stage processing = IntakeFlightEvents.begin("process", queueId);
        try {
            result = judging.processor().process(data, tx.envelope(), early);
            IntakeFlightEvents.end(processing);
        } catch (RuntimeException e) {
            // Never deliver what could not be judged; the sender's server retries.
            log.error("{}: scanning failed", queueId, e);
            spool.discardBody(queueId);
            return new Refused(tx.refuseData("451 4.3.0 Error: message could not be scanned, try again later"));
        }
        Instant at = settings.clock().instant();
        MessageScannedEvent scan = result.toEvent(ref, at);
        if (result.backupOriginal()) {
            try {
                // The original as spooled (our Received header first): joined only when a rule asks for it.
                judging.backup().store(new BackupSink.Copy(BackupSink.backupIdOf(queueId),
                        ref.withRecipients(result.backupRecipients()), result.backupTriggers(), result.report(),
                        join(prefix, data)));
            } catch (BackupSink.BackupFailedException e) {
                log.error("{}: the rule asks for a Backup copy, which could not be kept", queueId, e);
                spool.discardBody(queueId);
                return new Refused(tx.refuseData("451 4.3.0 Error: Backup copy could not be kept, try again later"));
            }
        }
        if (result.rejectData()) {
            spool.discardBody(queueId);
            events.dataRejected(scan, result.reply());
            // reasons quote what the sender chose (names, subjects): one bounded line per record
            log.info("{}: reject DATA from {}: {} ({})", queueId, tx.clientAddress(), result.reply(),
                    scan.decisions().stream().flatMap(d -> d.reasons().stream())
                            .map(r -> Printable.clean(r, LOGGED_REASON_MAX)).filter(Objects::nonNull).toList());
            return new Refused(result.reply());
        }
        // Every refusal above comes before the first variant file, so it discards the body alone.
        DeliveryPlan plan = DeliveryPlan.of(tx.recipients(), data, groups(result), at);
        List<BodyVariant> variants = new ArrayList<>();
        for (DeliveryPlan.Variant variant : plan.variants()) {
            int index = variants.size() + 1;
            variants.add(variant.prefixOnly()
                    ? spool.insertedHeaderVariant(index, variant.recipients(), variant.headerPrefix(), body, prefix.length)
                    : spool.writeVariant(queueId, index, variant.recipients(), prefix, variant.body()));
        }
        return new Accepted(plan.states(), variants, scan, result);
    }

    private static byte[] join(byte[] head, byte[] body) {
        byte[] whole = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        return whole;
    }

    static List<DeliveryPlan.Group> groups(DataPhaseResult result) {
        List<DeliveryPlan.Group> groups = new ArrayList<>();
        for (int i = 0; i < result.groups().size(); i++) {
            GroupOutcome group = result.groups().get(i);
            String deletedWhy = group.delivers() ? null
                    : "deleted by policy: rule '" + group.disposition().ruleName() + "', "
                            + (group.applied() == group.disposition().action() ? group.applied()
                                    : group.disposition().action() + " as " + group.applied());
            groups.add(new DeliveryPlan.Group(group.group().recipients(), deletedWhy,
                    group.delivers() ? result.deliveries().get(i) : null,
                    group.delivers() ? result.headerPrefixes().get(i) : null));
        }
        return groups;
    }
}
