package io.bulwark.scan.antispam.bayes;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token statistics held in memory, built by applying training events in order ({@link
 * #on(MessageTrainedEvent)}, {@link #on(MessageUntrainedEvent)}): the projection every node keeps
 * of the training history. A node that starts replays the events; there is no other state.
 *
 * <p>Thread-safe: each token's counts are one immutable value swapped atomically, so a reader sees
 * either the old or the new counts of a token, never a half-update. A message's tokens are not
 * applied atomically as a whole, which a classifier cannot notice beyond one message's worth.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentHashMap<Long, Counts> counts = new ConcurrentHashMap<>();
    private final AtomicLong spam = new AtomicLong();
    private final AtomicLong ham = new AtomicLong();

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

    /** Projection of a training event. */
    public void on(MessageTrainedEvent event) {
        learn(toArray(event.tokens()), event.verdict() == TrainingVerdict.SPAM, 1);
    }

    /** Projection of an untraining event. */
    public void on(MessageUntrainedEvent event) {
        learn(toArray(event.tokens()), event.verdict() == TrainingVerdict.SPAM, -1);
    }

    private static long[] toArray(List<Long> tokens) {
        return tokens.stream().mapToLong(Long::longValue).toArray();
    }
}
