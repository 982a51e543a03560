package io.bulwark.store;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's {@link EmbeddedEventStore} with one addition: {@link #signalNewEvents()} wakes its event
 * producer, which feeds all tracking processors of this JVM, as a publish through the store would.
 * The {@link MongoEventAppender} writes to the storage engine directly (outside any unit of work)
 * and calls it after each durable batch, so tracking processors see appended events at once instead
 * of at the next poll ({@code fetchDelay}). Events written by other processes (other nodes) are
 * still found by that poll.
 *
 * <p>Lifecycle and thread-safety as {@link EmbeddedEventStore}; {@link #signalNewEvents()} may be
 * called from any thread at any time.
 */
public class SignallingEventStore extends EmbeddedEventStore {

    protected SignallingEventStore(Builder builder) {
        super(builder);
    }

    /** Builds a signalling store from a configured Axon builder. */
    public static SignallingEventStore create(Builder builder) {
        return new SignallingEventStore(builder);
    }

    /** Wakes the producer if consumers are waiting for events. Cheap and non-blocking. */
    public void signalNewEvents() {
        // EmbeddedEventStore.afterCommit only asks the producer to fetch if it is waiting.
        afterCommit(List.of());
    }
}
