package io.bulwark.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Axon's {@link EmbeddedEventStore} with one addition: {@link #signalNewEvents()} wakes its event
 * producer, which feeds all tracking processors of this JVM, as a publish through the store would.
 * The {@link MongoEventAppender} writes to the storage engine directly (outside any unit of work)
 * and calls it after each durable batch, so tracking processors see appended events at once instead
 * of at the next poll ({@code fetchDelay}). Events written by other processes (other nodes) are
 * still found by that poll.
 *
 * <p>{@link #lingering()} is a view of it for read-model processors whose streams start a caught-up
 * processor's next batch at most once per linger ({@code bulwark.store.processor-linger},
 * {@link LingeringEventStream}, ADR 0043). Processors that act on the gateway (queue control,
 * policy, TLS, licence) read the store itself and see each event at once.
 *
 * <p>Lifecycle and thread-safety as {@link EmbeddedEventStore}; {@link #signalNewEvents()} may be
 * called from any thread at any time.
 */
public class SignallingEventStore extends EmbeddedEventStore {

    private final long lingerNanos;

    protected SignallingEventStore(Builder builder, Duration linger) {
        super(builder);
        if (linger.isNegative()) {
            throw new IllegalArgumentException("bulwark.store.processor-linger must not be negative");
        }
        this.lingerNanos = linger.toNanos();
    }

    /** Builds a signalling store from a configured Axon builder; its streams do not linger. */
    public static SignallingEventStore create(Builder builder) {
        return new SignallingEventStore(builder, Duration.ZERO);
    }

    /** Builds a signalling store whose {@link #lingering()} view lingers (ADR 0043); zero for none. */
    public static SignallingEventStore create(Builder builder, Duration linger) {
        return new SignallingEventStore(builder, linger);
    }

    /**
     * This store as a message source whose streams linger (ADR 0043); the store itself when the
     * linger is zero. For read-model processors only.
     */
    public StreamableMessageSource<TrackedEventMessage<?>> lingering() {
        if (lingerNanos == 0) {
            return this;
        }
        SignallingEventStore store = this;
        return new StreamableMessageSource<>() {
            @Override
            public TrackingEventStream openStream(TrackingToken trackingToken) {
                return new LingeringEventStream(store.openStream(trackingToken), lingerNanos);
            }

            @Override
            public TrackingToken createTailToken() {
                return store.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return store.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return store.createTokenAt(dateTime);
            }

            @Override
            public TrackingToken createTokenSince(Duration duration) {
                return store.createTokenSince(duration);
            }
        };
    }

    /** Wakes the producer if consumers are waiting for events. Cheap and non-blocking. */
    public void signalNewEvents() {
        // EmbeddedEventStore.afterCommit only asks the producer to fetch if it is waiting.
        afterCommit(List.of());
    }
}
