package io.bulwark.admin.support;

import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/**
 * How the admin read models' tracking processors run: one thread, up to {@link #BATCH_SIZE}
 * events per unit of work.
 *
 * <p>Axon's default batch is one event, so each event costs its own token write. The gateway
 * appends about five events per message, and in the benchmark profile the token writes of the
 * message-tracking and queue-view processors were a visible part of the CPU per message. The read
 * models only set fields (no counters), so re-applying a batch after a failure is harmless.
 *
 * <p>The read models on the mail path (message tracking, queue view) also write their documents
 * once per batch ({@link #flushPerBatch}, {@link BatchedDocuments}): a read and a replace per event
 * was most of their cost in the mail-path profile (docs/benchmarks.md).
 */
public final class ProjectionProcessors {

    public static final int BATCH_SIZE = 100;

    private ProjectionProcessors() {
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
