package io.bulwark.admin.support;

import io.bulwark.store.SignallingEventStore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * How the admin read models' tracking processors run: one thread, up to {@link #BATCH_SIZE}
 * events per unit of work.
 *
 * <p>Axon's default batch is one event, so each event costs its own token write. The gateway
 * appends about five events per message, and in the benchmark profile the token writes of the
 * message-tracking and queue-view processors were a visible part of the CPU per message. The read
 * models only set fields (no counters), so re-applying a batch after a failure is harmless.
 *
 * <p>They read the event store through its lingering view ({@link #lingering()}, ADR 0043): under a
 * mail flow a caught-up read model starts a batch at most every {@code bulwark.store.processor-linger}
 * (250 ms), so a batch covers many messages instead of a few events.
 *
 * <p>The read models on the mail path (message tracking, queue view) also write their documents
 * once per batch ({@link #flushPerBatch}, {@link BatchedDocuments}): a read and a replace per event
 * was most of their cost in the mail-path profile (docs/benchmarks.md).
 */
public final class ProjectionProcessors {

    public static final int BATCH_SIZE = 100;

    private ProjectionProcessors() {
    }

    /** The node's event store as a read model's message source: its lingering view (ADR 0043). */
    public static Function<Configuration, StreamableMessageSource<TrackedEventMessage<?>>> lingering() {
        return axon -> {
            EventStore store = axon.eventStore();
            return store instanceof SignallingEventStore signalling ? signalling.lingering() : store;
        };
    }

    public static Function<Configuration, TrackingEventProcessorConfiguration> batched() {
        return axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(BATCH_SIZE);
    }

    /**
     * Makes the group's processor write the projection's documents once per batch: registers its
     * {@link BatchedDocuments} as handler interceptor (looked up when the processor is built, so a
     * Spring bean may be passed as a provider).
     */
    public static EventProcessingConfigurer flushPerBatch(EventProcessingConfigurer processing, String group,
            Supplier<? extends BatchedProjection> projection) {
        return processing.registerHandlerInterceptor(group, axon -> projection.get().documents());
    }
}
