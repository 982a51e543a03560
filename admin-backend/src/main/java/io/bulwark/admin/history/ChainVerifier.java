package io.bulwark.admin.history;

import io.bulwark.admin.history.HistoryStore.Head;
import io.bulwark.admin.history.HistoryStore.Link;
import io.bulwark.admin.history.Verification.BrokenLink;
import io.bulwark.store.EventLog;
import io.bulwark.store.EventLog.StoredEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the chain over what the store holds now and compares it with the sealed links and
 * the signed checkpoints. Reads windows of indexes: events through the {@link EventLog}, links and
 * checkpoints by {@code $in}, so it costs the same per event on the embedded store as a read of the
 * audit stream.
 *
 * <p>A range that starts above 1 starts from the sealed link before it: the signed checkpoints inside
 * the range are what anchor it. Verifying from 1 anchors at the genesis. Stateless and thread-safe.
 */
public final class ChainVerifier {
    private static final int WINDOW = 1000;

    private final EventLog eventLog;
    private final HistoryStore store;
    private final SealingKeys keys;

    public ChainVerifier(EventLog eventLog, HistoryStore store, SealingKeys keys) {
        this.eventLog = eventLog;
        this.store = store;
        this.keys = keys;
    }

    /**
     * Verifies indexes {@code from..to} (clamped to the sealed head).
     *
     * @throws IllegalArgumentException when {@code from} is below 1 or above {@code to}
     */
    public Verification verify(long from, Long to) {
        if (from < 1) {
            throw new IllegalArgumentException("from must be 1 or more");
        }
        Head head = store.head();
        long last = to == null ? head.index() : Math.min(to, head.index());
        if (to != null && to < from) {
            throw new IllegalArgumentException("to must not be below from");
        }
        Checkpoint latest = store.latestCheckpoint().orElse(null);
        Map<String, String> publicKeys = keys.publicKeys();
        long archivedUpTo = store.archivedUpTo();
        Counts counts = new Counts();
        long start = from;
        if (from <= archivedUpTo) {
            // ADR 0029: the archived events are verified offline from their files; what stayed here
            // (kept classes) is checked link by link, and the hot part starts from the signed link at
            // the archive's end.
            BrokenLink broken = verifyKept(from, Math.min(last, archivedUpTo), counts);
            if (broken == null && last > archivedUpTo) {
                Link anchor = store.links(archivedUpTo, archivedUpTo).get(archivedUpTo);
                Checkpoint signed = store.checkpoint(archivedUpTo).orElse(null);
                if (anchor == null) {
                    broken = new BrokenLink(archivedUpTo, null, null, "link-missing");
                } else if (signed == null) {
                    broken = new BrokenLink(archivedUpTo, anchor.hash(), null, "checkpoint-missing");
                } else {
                    broken = checkCheckpoint(signed, anchor.hash(), publicKeys);
                    counts.checkpoints++;
                }
            }
            if (broken != null) {
                return counts.result(false, from, last, head, broken, latest, archivedUpTo);
            }
            start = archivedUpTo + 1;
        }
        if (start > last) {
            return counts.result(true, from, last, head, null, latest, archivedUpTo);
        }
        byte[] previous;
        if (start == 1) {
            previous = ChainCodec.GENESIS;
        } else {
            Link before = store.links(start - 1, start - 1).get(start - 1);
            if (before == null) {
                return new Verification(start > head.index(), from, Math.min(last, start - 1), head.index(), 0, 0, 0,
                        start > head.index() ? null : new BrokenLink(start - 1, null, null, "link-missing"), latest,
                        archivedUpTo);
            }
            previous = ChainCodec.unhex(before.hash());
        }
        long cursor = start - 1;
        while (cursor < last) {
            List<StoredEvent> page = eventLog.readAfter(cursor, WINDOW);
            long windowEnd = Math.min(last, page.isEmpty() ? Long.MAX_VALUE : page.getLast().globalIndex());
            windowEnd = Math.min(windowEnd, cursor + WINDOW);
            Map<Long, StoredEvent> byIndex = new HashMap<>();
            page.forEach(e -> byIndex.put(e.globalIndex(), e));
            Map<Long, Link> links = store.links(cursor + 1, windowEnd);
            Map<Long, Checkpoint> signed = store.checkpoints(cursor + 1, windowEnd);
            for (long i = cursor + 1; i <= windowEnd; i++) {
                Link link = links.get(i);
                StoredEvent event = byIndex.get(i);
                byte[] computed = event == null ? ChainCodec.gapLink(previous, i) : ChainCodec.eventLink(previous, event);
                String found = ChainCodec.hex(computed);
                BrokenLink broken = null;
                if (link == null) {
                    broken = new BrokenLink(i, null, found, "link-missing");
                } else if (link.gap() && event != null) {
                    broken = new BrokenLink(i, link.hash(), found, "event-in-gap");
                } else if (!link.gap() && event == null) {
                    broken = new BrokenLink(i, link.hash(), found, "event-missing");
                } else if (!link.hash().equals(found)) {
                    broken = new BrokenLink(i, link.hash(), found, event == null ? "gap-altered" : "event-altered");
                }
                if (broken == null && signed.containsKey(i)) {
                    broken = checkCheckpoint(signed.get(i), found, publicKeys);
                    counts.checkpoints++;
                }
                if (broken != null) {
                    return counts.result(false, from, last, head, broken, latest, archivedUpTo);
                }
                if (event == null) {
                    counts.gaps++;
                } else {
                    counts.events++;
                }
                previous = computed;
            }
            cursor = windowEnd;
        }
        return counts.result(true, from, last, head, null, latest, archivedUpTo);
    }

    /**
     * Checks the events still stored inside the archived part ({@code from..to}: events of kept
     * classes) one by one: each must recompute to its sealed link from the sealed link before it.
     */
    private BrokenLink verifyKept(long from, long to, Counts counts) {
        long cursor = from - 1;
        while (cursor < to) {
            List<StoredEvent> page = eventLog.readAfter(cursor, WINDOW);
            if (page.isEmpty()) {
                return null;
            }
            for (StoredEvent event : page) {
                long i = event.globalIndex();
                if (i > to) {
                    return null;
                }
                Map<Long, Link> links = store.links(i - 1, i);
                Link link = links.get(i);
                byte[] previous = i == 1 ? ChainCodec.GENESIS
                        : links.containsKey(i - 1) ? ChainCodec.unhex(links.get(i - 1).hash()) : null;
                String found = previous == null ? null : ChainCodec.hex(ChainCodec.eventLink(previous, event));
                if (link == null || previous == null) {
                    return new BrokenLink(i, null, found, "link-missing");
                }
                if (link.gap()) {
                    return new BrokenLink(i, link.hash(), found, "event-in-gap");
                }
                if (!link.hash().equals(found)) {
                    return new BrokenLink(i, link.hash(), found, "event-altered");
                }
                counts.events++;
                cursor = i;
            }
        }
        return null;
    }

    /** What a verification counted so far. */
    private static final class Counts {
        long events;
        long gaps;
        long checkpoints;

        Verification result(boolean intact, long from, long to, Head head, BrokenLink broken, Checkpoint latest,
                long archivedUpTo) {
            return new Verification(intact, from, to, head.index(), events, gaps, checkpoints, broken, latest,
                    archivedUpTo);
        }
    }

    /** Checks a signed checkpoint against the recomputed link at its index; null when it holds. */
    static BrokenLink checkCheckpoint(Checkpoint checkpoint, String computed, Map<String, String> publicKeys) {
        if (!checkpoint.hash().equals(computed)) {
            return new BrokenLink(checkpoint.index(), checkpoint.hash(), computed, "checkpoint-mismatch");
        }
        String publicKey = publicKeys.get(checkpoint.keyId());
        if (publicKey == null) {
            return new BrokenLink(checkpoint.index(), checkpoint.hash(), computed, "checkpoint-key-unknown");
        }
        if (!SealingKeys.verify(publicKey, checkpoint.statementBytes(), checkpoint.signature())) {
            return new BrokenLink(checkpoint.index(), checkpoint.hash(), computed, "checkpoint-signature-invalid");
        }
        return null;
    }
}
