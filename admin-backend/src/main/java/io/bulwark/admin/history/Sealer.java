package io.bulwark.admin.history;

import io.bulwark.admin.history.HistoryStore.Head;
import io.bulwark.admin.history.HistoryStore.Link;
import io.bulwark.store.EventLog;
import io.bulwark.store.EventLog.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hash-chains the stored events in global order ({@link ChainCodec}) and signs a {@link Checkpoint}
 * every {@code checkpointEvents} sealed indexes or, when anything was sealed since, every
 * {@code checkpointInterval}.
 *
 * <p>Gaps: the store reserves global indexes in blocks, so an index can stay empty for good (a crash
 * abandoned its block) or only for a moment (its insert is still in flight). The sealer seals an
 * empty index as a <em>gap link</em> once it has seen it empty, with an event above it, for
 * {@code gapSettle} (default the store's gap timeout, 60 s: after that no writer may still use the
 * index, docs/event-store.md). Before that it stops at the hole. So every index up to the head is in
 * the chain, event or gap: an event deleted later cannot hide in a gap, since its index was sealed as
 * an event. The sealer never skips an index.
 *
 * <p>Thread-safe (one pass at a time); several admin nodes may run one each: the chain's unique
 * index lets one win and the other reload. Lifecycle: driven by {@link HistorySealerRunner} or, in
 * tests, by calling {@link #sealAvailable()}.
 */
public final class Sealer {
    private final EventLog eventLog;
    private final HistoryStore store;
    private final SealingKeys keys;
    private final Clock clock;
    private final int batchSize;
    private final Duration gapSettle;
    private final long checkpointEvents;
    private final Duration checkpointInterval;
    /** When each still-open hole was first seen empty. */
    private final Map<Long, Instant> holesSeen = new HashMap<>();
    private Instant lastCheckpointTime;
    private boolean lastCheckpointLoaded;

    public Sealer(EventLog eventLog, HistoryStore store, SealingKeys keys, Clock clock, int batchSize,
            Duration gapSettle, long checkpointEvents, Duration checkpointInterval) {
        this.eventLog = eventLog;
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.batchSize = batchSize;
        this.gapSettle = gapSettle;
        this.checkpointEvents = checkpointEvents;
        this.checkpointInterval = checkpointInterval;
    }

    /**
     * Seals everything that can be sealed now and signs the checkpoints that are due.
     *
     * @return the number of indexes sealed (events and gaps)
     */
    public synchronized long sealAvailable() {
        long sealed = 0;
        while (true) {
            Head head = store.head();
            List<Link> links = new ArrayList<>();
            long next = head.index() + 1;
            byte[] previous = ChainCodec.unhex(head.hash());
            List<StoredEvent> events = eventLog.readAfter(head.index(), batchSize);
            boolean blocked = false;
            Instant now = clock.instant();
            for (StoredEvent event : events) {
                while (next < event.globalIndex()) {
                    Instant seen = holesSeen.computeIfAbsent(next, i -> now);
                    if (Duration.between(seen, now).compareTo(gapSettle) < 0) {
                        blocked = true;
                        break;
                    }
                    previous = ChainCodec.gapLink(previous, next);
                    links.add(new Link(next, ChainCodec.hex(previous), true));
                    next++;
                }
                if (blocked) {
                    break;
                }
                previous = ChainCodec.eventLink(previous, event);
                links.add(new Link(next, ChainCodec.hex(previous), false));
                next++;
            }
            if (links.isEmpty()) {
                checkpointIfDue(head, true);
                return sealed;
            }
            Head newHead = new Head(next - 1, ChainCodec.hex(previous), head.checkpoint());
            if (!store.append(links, newHead)) {
                continue; // another sealer was faster: start again from its head
            }
            long last = newHead.index();
            holesSeen.keySet().removeIf(i -> i <= last);
            sealed += links.size();
            checkpointIfDue(store.head(), false);
            if (blocked || events.size() < batchSize) {
                checkpointIfDue(store.head(), true);
                return sealed;
            }
        }
    }

    private void checkpointIfDue(Head head, boolean byTime) {
        if (head.index() <= head.checkpoint()) {
            return;
        }
        if (!lastCheckpointLoaded) {
            lastCheckpointTime = store.latestCheckpoint().map(Checkpoint::time).orElse(null);
            lastCheckpointLoaded = true;
        }
        boolean byCount = head.index() - head.checkpoint() >= checkpointEvents;
        boolean late = byTime && (lastCheckpointTime == null
                || !clock.instant().isBefore(lastCheckpointTime.plus(checkpointInterval)));
        if (byCount || late) {
            checkpoint(head);
        }
    }

    /** Signs a checkpoint at the current head now (if anything was sealed since the last one). */
    public synchronized Optional<Checkpoint> checkpointNow() {
        sealAvailable();
        Head head = store.head();
        if (head.index() <= head.checkpoint()) {
            return store.latestCheckpoint();
        }
        return Optional.ofNullable(checkpoint(head));
    }

    private Checkpoint checkpoint(Head head) {
        Optional<SealingKeys.ActiveKey> key = keys.active();
        if (key.isEmpty()) {
            return null; // no key yet (first start before the key event): the next pass signs
        }
        Instant now = clock.instant();
        String statement = Checkpoint.statement(head.index(), head.hash(), now, key.get().keyId());
        Checkpoint checkpoint = new Checkpoint(head.index(), head.hash(), now, key.get().keyId(),
                SealingKeys.sign(key.get().privateKey(), statement.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        if (store.addCheckpoint(checkpoint, head)) {
            lastCheckpointTime = now;
            return checkpoint;
        }
        return store.checkpoint(head.index()).orElse(null);
    }
}
