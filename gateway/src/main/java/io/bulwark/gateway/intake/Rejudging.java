package io.bulwark.gateway.intake;

import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.BodyVariant;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.scan.message.Envelope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a committed, held message again, as the intake judged it at DATA but with the node's data
 * of now (block lists, Bayes statistics, rules): the Anti-Spam Quarantine's re-check. The same
 * {@link Judging.Processor} runs on the original as spooled (without our Received header) and the
 * same envelope, so every module's verdict, tag and header is consistent with the new anti-spam
 * verdict; new variants are written under fresh indices (the committed entry's files stay valid
 * until {@link #commit} replaces the metadata). A group whose rule now rejects gets nothing: the
 * sending server was answered long ago, and a bounce to a probably forged sender would be
 * backscatter, so Reject acts as Delete message (no DSN).
 *
 * <p>Two steps, so that the caller can decide between them whether the result still applies (an
 * administrator may have released or deleted the message meanwhile): {@link #judge} (scan, Backup
 * copy, variant files) and {@link #commit} (the metadata, atomically). Thread-safe for distinct
 * queue ids.
 */
public final class Rejudging {
    private static final Logger log = LoggerFactory.getLogger(Rejudging.class);
    private final Spool spool;
    private final Judging judging;
    private final Clock clock;
    private final Duration policyWait;

    public Rejudging(Spool spool, Judging judging, Clock clock, Duration policyWait) {
        this.spool = spool;
        this.judging = judging;
        this.clock = clock;
        this.policyWait = policyWait;
    }

    /** The outcome of a re-judgement. */
    public sealed interface Outcome {
    }

    /**
     * It could not be judged now (policy not loaded, a module's temporary failure under a rule that
     * defers, a Backup copy that could not be kept, a scan failure): try later.
     */
    public record Temporary(String reason) implements Outcome {
    }

    /**
     * Judged: {@code updated} is the entry to commit.
     *
     * @param result      the new scan and decision
     * @param updated     the entry with the new recipient states, variants and scan
     * @param deliveredTo recipients that are now delivered to
     * @param deletedFor  recipients that the re-judgement deleted (they were pending before)
     * @param written     the variants this re-judgement wrote files for
     * @param unlisted    the variants with files (the entry's before, or written now) that
     *                    {@code updated} no longer lists: {@link #commit} removes them
     */
    public record Judged(DataPhaseResult result, SpoolMetadata updated, List<String> deliveredTo,
            List<String> deletedFor, List<BodyVariant> written, List<BodyVariant> unlisted) implements Outcome {
    }

    /**
     * Runs the checks and the decision again on the stored message.
     *
     * @param prefixLength length of our Received header at the start of the spooled body
     */
    public Outcome judge(SpoolMetadata stored, Envelope envelope, int prefixLength) throws IOException {
        if (!judging.policy().isReady() && !judging.policy().awaitReady(policyWait)) {
            return new Temporary("mail policy not loaded yet");
        }
        String queueId = stored.queueId();
        byte[] whole = spool.readBody(queueId);
        if (prefixLength < 0 || prefixLength > whole.length) {
            throw new IOException(queueId + ": Received header of " + prefixLength + " bytes in a body of "
                    + whole.length);
        }
        byte[] prefix = Arrays.copyOf(whole, prefixLength);
        byte[] data = Arrays.copyOfRange(whole, prefixLength, whole.length);
        whole = null; // one copy of the message from here on
        if (stored.sha256() != null && !stored.sha256().equals(Spool.sha256Hex(data))) {
            // Not the bytes that were committed: the disk's fault, or the message was released and
            // delivered while this read ran and its file already holds another message (a spare,
            // spool.SpareFiles). Nothing read may be judged, backed up or sent.
            return new Temporary("the queued copy of the message no longer matches what was accepted (its SHA-256 differs)");
        }
        DataPhaseResult result;
        try {
            result = judging.processor().process(data, envelope);
        } catch (RuntimeException e) {
            return new Temporary("scanning failed: " + e);
        }
        if (result.deferred()) {
            return new Temporary("temporary failure: " + result.reply());
        }
        Instant at = clock.instant();
        if (result.backupOriginal()) {
            try {
                byte[] original = Arrays.copyOf(prefix, prefix.length + data.length);
                System.arraycopy(data, 0, original, prefix.length, data.length);
                judging.backup().store(new BackupSink.Copy(BackupSink.backupIdOf(queueId),
                        stored.ref(result.backupRecipients()), result.backupTriggers(), result.report(), original));
            } catch (BackupSink.BackupFailedException e) {
                return new Temporary("the rule asks for a Backup copy, which could not be kept: " + e.getMessage());
            }
        }
        List<String> recipients = stored.recipientAddresses();
        DeliveryPlan plan = DeliveryPlan.of(recipients, data, MessageJudgement.groups(result), at);
        int first = stored.variants().stream().mapToInt(BodyVariant::index).max().orElse(0) + 1;
        BodyInfo original = new BodyInfo(stored.sha256(), stored.sizeBytes(), stored.messageId(), stored.eightBit());
        List<BodyVariant> variants = new ArrayList<>();
        for (DeliveryPlan.Variant variant : plan.variants()) {
            int index = first + variants.size();
            variants.add(variant.prefixOnly()
                    ? spool.insertedHeaderVariant(index, variant.recipients(), variant.headerPrefix(), original,
                            prefixLength)
                    : spool.writeVariant(queueId, index, variant.recipients(), prefix, variant.body()));
        }
        // Recipients already final (deleted by another group's rule at intake) keep their state.
        Map<String, RecipientState> states = new LinkedHashMap<>();
        plan.states().forEach(s -> states.put(s.address(), s));
        List<RecipientState> merged = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (RecipientState before : stored.recipients()) {
            if (before.status().isFinal()) {
                merged.add(before);
                continue;
            }
            RecipientState now = states.getOrDefault(before.address(), before);
            merged.add(now);
            (now.status().isFinal() ? deleted : delivered).add(now.address());
        }
        // every variant lists only recipients that still receive something
        List<BodyVariant> kept = variants.stream()
                .map(v -> v.recipients().stream().allMatch(delivered::contains) ? v
                        : new BodyVariant(v.index(), v.recipients().stream().filter(delivered::contains).toList(),
                                v.sizeBytes(), v.sha256(), v.eightBit(), v.insertedHeader(), v.insertAt()))
                .filter(v -> !v.recipients().isEmpty()).toList();
        MessageScannedEvent scan = result.toEvent(stored.ref(recipients), at);
        Set<Integer> listed = new HashSet<>();
        kept.forEach(v -> listed.add(v.index()));
        List<BodyVariant> unlisted = Stream.concat(stored.variants().stream(), variants.stream())
                .filter(v -> !listed.contains(v.index())).toList();
        return new Judged(result, stored.withJudgement(merged, kept, scan, at), List.copyOf(delivered),
                List.copyOf(deleted), List.copyOf(variants), unlisted);
    }

    /**
     * Replaces the entry with the re-judged one, atomically and durably, then removes the variant
     * files it no longer lists (the spool's deletion removes only listed ones; a crash in between
     * leaves them to {@link Spool#recover()}).
     */
    public void commit(Judged judged) throws IOException {
        spool.update(judged.updated());
        removeQuietly(judged.updated().queueId(), judged.unlisted());
    }

    /**
     * Drops a re-judgement that will not be committed (an administrator released or deleted the
     * message first): the variant files it wrote belong to no entry.
     */
    public void abandon(Judged judged) {
        removeQuietly(judged.updated().queueId(), judged.written());
    }

    private void removeQuietly(String queueId, List<BodyVariant> variants) {
        try {
            spool.deleteVariants(queueId, variants);
        } catch (IOException e) {
            log.warn("{}: could not remove replaced spool variants; the next start will", queueId, e);
        }
    }
}
