package io.bulwark.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Reads the payloads of one event type stored since a moment, oldest first, straight from the
 * storage engine (upcast like any read): no tracking processor, no consumer thread, no token kept.
 * Only events of the wanted type are deserialised; the others are skipped by their type name. Used
 * where a feature needs "the last N days of X" once, e.g. the rule-change impact preview reading
 * {@code MessageScannedEvent}s.
 *
 * <p>Cost: on the Bulwark store the start is found by a binary search over global indexes with
 * {@link EventLog#readAfter} point reads (log n lookups): {@link MongoEventStorageEngine#createTokenAt}
 * would decode every stored event, as timestamps have no index the embedded server can use, and
 * over 300,000 events that did not finish in ten minutes (docs/history.md). Timestamps follow global
 * order only up to the writers' reserved blocks, so the search aims {@link #SKEW} early and the
 * per-event time filter drops what lies before {@code since}. Other engines use
 * {@code createTokenAt}. Then every event after the start is read in global order. Stateless and
 * thread-safe.
 */
public final class EventsSince {
    /** How far timestamps may run against global order (well above the store's block lease). */
    static final Duration SKEW = Duration.ofMinutes(5);

    private EventsSince() {
    }

    /**
     * Hands each payload of {@code type} stored at or after {@code since} to {@code each}, until
     * {@code each} answers false or the events run out.
     *
     * @return how many payloads were handed over
     */
    public static <T> long forEach(EventStorageEngine engine, Instant since, Class<T> type, Predicate<T> each) {
        TrackingToken start = engine instanceof MongoEventStorageEngine mongo
                ? startBefore(mongo, since.minus(SKEW)) : engine.createTokenAt(since);
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(start, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> event = it.next();
                if (!type.equals(event.getPayloadType()) || event.getTimestamp().isBefore(since)) {
                    continue;
                }
                count++;
                if (!each.test(type.cast(event.getPayload()))) {
                    break;
                }
            }
        }
        return count;
    }

    /** A token after the last event whose timestamp is before {@code target}, searched by index. */
    static TrackingToken startBefore(MongoEventStorageEngine engine, Instant target) {
        TrackingToken head = engine.createHeadToken();
        long hi = head == null ? 0 : head.position().orElse(0);
        EventLog log = engine.eventLog();
        long lo = 0; // every event at or below lo is before target (0: none)
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            List<EventLog.StoredEvent> next = log.readAfter(mid, 1);
            if (next.isEmpty() || !Instant.parse(next.getFirst().timestamp()).isBefore(target)) {
                hi = mid;
            } else {
                lo = next.getFirst().globalIndex();
            }
        }
        return lo <= 0 ? null : GapAwareTrackingToken.newInstance(lo, List.of());
    }
}
