package io.bulwark.store;

import java.time.Instant;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * <p>Cost: finding the start is one scan for the first event at or after {@code since} (timestamps
 * have no index the embedded server can use, see {@link MongoEventStorageEngine#createTokenAt});
 * then every event after it is read in global order. Stateless and thread-safe.
 */
public final class EventsSince {
    private EventsSince() {
    }

    /**
     * Hands each payload of {@code type} stored at or after {@code since} to {@code each}, until
     * {@code each} answers false or the events run out.
     *
     * @return how many payloads were handed over
     */
    public static <T> long forEach(EventStorageEngine engine, Instant since, Class<T> type, Predicate<T> each) {
        TrackingToken start = engine.createTokenAt(since);
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
}
