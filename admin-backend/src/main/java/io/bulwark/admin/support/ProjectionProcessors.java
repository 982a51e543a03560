package io.bulwark.admin.support;

import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/**
 * How the admin read models' tracking processors run: one thread, up to {@link #BATCH_SIZE}
 * events per unit of work.
 *
 * <p>Axon's default batch is one event, so each event costs its own token write. The gateway
 * appends about five events per message, and in the benchmark profile the token writes of the
 * message-tracking and queue-view processors were a visible part of the CPU per message. The read
 * models only set fields (no counters), so re-applying a batch after a failure is harmless.
 */
public final class ProjectionProcessors {

    public static final int BATCH_SIZE = 100;

    private ProjectionProcessors() {
    }

    public static Function<Configuration, TrackingEventProcessorConfiguration> batched() {
        return axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(BATCH_SIZE);
    }
}
