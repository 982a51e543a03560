package io.bulwark.admin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.queue.QueueViewProjection;
import io.bulwark.admin.tracking.MessageTrackingProjection;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * How the Spring context wires the read models' processors: a failing handler propagates (the
 * batch is retried, never skipped: {@code HandlerFailurePolicy}), and the mail-path projections
 * flush their documents once per batch ({@link BatchedDocuments} as handler interceptor).
 */
@SpringBootTest(classes = TestAdminApplication.class)
class ProcessorWiringTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    QueueViewProjection queueView;
    @Autowired
    MessageTrackingProjection tracking;

    @Test
    void everyProjectionProcessorPropagatesHandlerFailures() {
        Stream.of(QueueViewProjection.PROCESSING_GROUP, MessageTrackingProjection.PROCESSING_GROUP, "audit-log")
                .forEach(group -> assertThat(processing.listenerInvocationErrorHandler(group))
                        .as(group).isInstanceOf(PropagatingErrorHandler.class));
    }

    @Test
    void theMailPathProjectionsFlushOncePerBatch() {
        assertThat(processing.eventProcessor(QueueViewProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow().getHandlerInterceptors()).contains(queueView.documents());
        assertThat(processing.eventProcessor(MessageTrackingProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow().getHandlerInterceptors()).contains(tracking.documents());
    }
}
