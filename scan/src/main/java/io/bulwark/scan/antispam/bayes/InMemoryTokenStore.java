package io.bulwark.scan.antispam.bayes;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token statistics held in memory, built by applying training events in order ({@link
 * #on(MessageTrainedEvent)}, {@link #on(MessageUntrainedEvent)}): the projection every node keeps
 * of the training history (ADR 0017). A node that starts replays the events; there is no other state.
 *
 * <p>Applying is idempotent per mark: the store remembers the verdict each {@code trainingId}
 * currently has, so a training event seen twice (a tracking window re-read at start-up, a batch
 * re-delivered after a failure) counts once, and an untraining of a mark the store does not hold
 * changes nothing. Events of another tokenizer than {@link Tokenizer#NAME} are ignored: their
 * hashes mean other strings.
 *
 * <p>Thread-safe: each token's counts are one immutable value swapped atomically, so a reader sees
 * either the old or the new counts of a token, never a half-update. A message's tokens are not
 * applied atomically as a whole, which a classifier cannot notice beyond one message's worth.
 * The {@code on} methods are meant for one writer (a tracking processor's thread).
 */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentHashMap<Long, Counts> counts = new ConcurrentHashMap<>();
    private final AtomicLong spam = new AtomicLong();
    private final AtomicLong ham = new AtomicLong();
    private final ConcurrentHashMap<String, TrainingVerdict> marks = new ConcurrentHashMap<>();

    @Override
    public long spamMessages() {
        return spam.get();
    }

    @Override
    public long hamMessages() {
        return ham.get();
    }

    @Override
    public Counts counts(long token) {
        return counts.getOrDefault(token, Counts.NONE);
    }

    /** Number of distinct tokens held. */
    public int size() {
        return counts.size();
    }

    @Override
    public void learn(long[] tokens, boolean isSpam, int delta) {
        if (delta != 1 && delta != -1) {
            throw new IllegalArgumentException("delta must be 1 or -1: " + delta);
        }
        for (long token : tokens) {
            counts.compute(token, (k, old) -> {
                Counts c = old == null ? Counts.NONE : old;
                Counts next = isSpam ? new Counts(Math.max(0, c.spam() + delta), c.ham())
                        : new Counts(c.spam(), Math.max(0, c.ham() + delta));
                return next.spam() == 0 && next.ham() == 0 ? null : next;
            });
        }
        AtomicLong messages = isSpam ? spam : ham;
        messages.updateAndGet(n -> Math.max(0, n + delta));
    }

    /** The marks held, by training id, with their verdicts (a copy). */
    public Map<String, TrainingVerdict> marks() {
        return Map.copyOf(marks);
    }

    /**
     * Projection of a training event.
     *
     * @return whether the statistics changed (false: other tokenizer, or the mark is held already)
     */
    public boolean on(MessageTrainedEvent event) {
        if (!Tokenizer.NAME.equals(event.tokenizer())) {
            return false;
        }
        TrainingVerdict before = marks.put(event.trainingId(), event.verdict());
        if (before == event.verdict()) {
            return false;
        }
        long[] tokens = toArray(event.tokens());
        if (before != null) {
            // Same id, same message, other verdict: the writer untrains first, but a store must
            // never count one message under both verdicts.
            learn(tokens, before == TrainingVerdict.SPAM, -1);
        }
        learn(tokens, event.verdict() == TrainingVerdict.SPAM, 1);
        return true;
    }

    /**
     * Projection of an untraining event.
     *
     * @return whether the statistics changed (false: other tokenizer, or no such mark held)
     */
    public boolean on(MessageUntrainedEvent event) {
        if (!Tokenizer.NAME.equals(event.tokenizer()) || !marks.remove(event.trainingId(), event.verdict())) {
            return false;
        }
        learn(toArray(event.tokens()), event.verdict() == TrainingVerdict.SPAM, -1);
        return true;
    }

    /** Forgets everything (a replay from zero follows). */
    public void clear() {
        counts.clear();
        marks.clear();
        spam.set(0);
        ham.set(0);
    }

    private static long[] toArray(List<Long> tokens) {
        return tokens.stream().mapToLong(Long::longValue).toArray();
    }
}
