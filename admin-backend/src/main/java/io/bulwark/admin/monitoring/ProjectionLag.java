package io.bulwark.admin.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * {@code bulwark_projection_lag_events{processor}}: how many events a streaming (tracking) event
 * processor of this node is behind the store, as the event store's head global index minus the
 * lowest position of the processor's segments. 0 when caught up; NaN while the processor has no
 * claimed segment (not started, starting, or another node holds its token) or the store does not
 * answer.
 *
 * <p>Why our own: Axon's {@code axon-micrometer} measures processing latency in time (now minus the
 * event's timestamp), which reads as "behind" on an idle store whose last event is old; admins and
 * the projection-rebuild page think in events to catch up, the quantity asked for here.
 *
 * <p>Subscribing processors have no token and no lag; they get no gauge. Each scrape reads the head
 * once per gauge (one indexed query of the store). Thread-safe: gauges read the processors' own
 * thread-safe status maps.
 */
public final class ProjectionLag {
    /** The meter's name (Prometheus shows it as {@code bulwark_projection_lag_events}). */
    public static final String METER = "bulwark.projection.lag";

    private ProjectionLag() {
    }

    /** Registers one gauge per streaming processor among {@code processors}. */
    public static void register(MeterRegistry registry, Collection<EventProcessor> processors,
            StreamableMessageSource<?> store) {
        for (EventProcessor processor : processors) {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(METER, () -> of(() -> store.createHeadToken(), streaming.processingStatus()))
                        .description("Events the processor is behind the event store's head")
                        .baseUnit("events")
                        .tag("processor", processor.getName())
                        .register(registry);
            }
        }
    }

    /**
     * Head position minus the lowest current position of the segments; NaN without a segment or a
     * readable head. A segment at the start of the stream (no token yet) counts as position -1.
     */
    static double of(Supplier<TrackingToken> head, Map<Integer, EventTrackerStatus> segments) {
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            lowest = Math.min(lowest, segment.getCurrentPosition().orElse(-1));
        }
        OptionalLong headPosition;
        try {
            TrackingToken token = head.get();
            headPosition = token == null ? OptionalLong.of(-1) : token.position();
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
        if (headPosition.isEmpty()) {
            return Double.NaN;
        }
        return Math.max(0, headPosition.getAsLong() - lowest);
    }
}
