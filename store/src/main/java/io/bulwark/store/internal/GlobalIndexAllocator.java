package io.bulwark.store.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;

/**
 * Hands out global indexes from a counter document {@code {_id: "globalIndex", next: n}}.
 *
 * <p>Numbers are reserved in blocks ({@code findOneAndUpdate} + {@code $inc}, one round trip per
 * block) and handed out in-process, so appends do not pay a counter round trip per event. Two rules
 * keep the gaps this creates harmless for gap-aware tracking:
 * <ul>
 *   <li>A block is only used for {@code lease} after its reservation; older leftovers are given
 *       back or abandoned. So an index is always inserted within {@code lease} (plus insert time) of
 *       its block's reservation, which is what makes the reader's gap timeout safe: a gap below an
 *       event stored more than the gap timeout ago can no longer be filled.</li>
 *   <li>Leftovers are given back with a compare-and-set ({@code next} still equals the end of our
 *       block, i.e. nobody reserved after us). On a single node that always succeeds, so idle
 *       periods and clean shutdowns leave no gaps at all. A crash leaves the rest of the block
 *       unused: readers skip it (see the engine's fallback read) and drop the gaps by timeout.</li>
 * </ul>
 *
 * <p>Thread-safe (synchronized; the critical section is in-memory except for one round trip per
 * block).
 */
public final class GlobalIndexAllocator {

    public static final String COUNTER_ID = "globalIndex";
    /**
     * The first global index. Auditors page with "events after N" and start at 0, so index 0 is
     * never used: the counter document is created holding this value.
     */
    public static final long FIRST_INDEX = 1L;
    private static final String NEXT = "next";

    private final MongoCollection<Document> counters;
    private final int blockSize;
    private final Duration lease;
    private final Clock clock;

    private long next;
    private long end;
    private Instant reservedAt = Instant.MIN;
    private boolean counterExists;

    public GlobalIndexAllocator(MongoCollection<Document> counters, int blockSize, Duration lease, Clock clock) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be positive");
        }
        this.counters = counters;
        this.blockSize = blockSize;
        this.lease = lease;
        this.clock = clock;
    }

    /** Allocates {@code count} indexes, increasing, not necessarily contiguous. */
    public synchronized long[] allocate(int count) {
        long[] result = new long[count];
        int filled = 0;
        if (next < end && clock.instant().isAfter(reservedAt.plus(lease))) {
            releaseLocked();
        }
        while (filled < count) {
            if (next >= end) {
                reserveLocked(Math.max(blockSize, count - filled));
            }
            while (filled < count && next < end) {
                result[filled++] = next++;
            }
        }
        return result;
    }

    private void reserveLocked(int size) {
        if (!counterExists) {
            counters.updateOne(Filters.eq("_id", COUNTER_ID), Updates.setOnInsert(NEXT, FIRST_INDEX),
                    new UpdateOptions().upsert(true));
            counterExists = true;
        }
        Document counter = counters.findOneAndUpdate(Filters.eq("_id", COUNTER_ID), Updates.inc(NEXT, (long) size),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        end = counter.get(NEXT, Number.class).longValue();
        next = end - size;
        reservedAt = clock.instant();
    }

    /** Gives the unused rest of the current block back if nobody reserved after it. */
    public synchronized void release() {
        releaseLocked();
    }

    private void releaseLocked() {
        if (next < end) {
            counters.updateOne(Filters.and(Filters.eq("_id", COUNTER_ID), Filters.eq(NEXT, end)),
                    Updates.set(NEXT, next));
        }
        next = 0;
        end = 0;
        reservedAt = Instant.MIN;
    }

    /**
     * The highest index reserved by any writer so far (by the counter), or -1 if none. Events may
     * not exist up to there yet (in flight, or abandoned by a crash).
     */
    public long highestReserved() {
        Document counter = counters.find(Filters.eq("_id", COUNTER_ID)).first();
        return counter == null ? -1L : counter.get(NEXT, Number.class).longValue() - 1;
    }
}
