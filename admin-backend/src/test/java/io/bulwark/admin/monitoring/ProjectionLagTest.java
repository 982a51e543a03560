package io.bulwark.admin.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The projection-lag gauge over a real tracking processor and event store: NaN before the processor
 * runs, the number of events behind while its handler is held, 0 once it has caught up.
 */
class ProjectionLagTest {
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private TrackingEventProcessor processor;

    @AfterEach
    void stop() {
        release.countDown();
        if (processor != null) {
            processor.shutDown();
        }
        store.shutDown();
    }

    private void handle(EventMessage<?> event) throws InterruptedException {
        if ("hold".equals(event.getPayload())) {
            release.await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void countsTheEventsAProcessorIsBehindTheHead() {
        processor = TrackingEventProcessor.builder().name("test-projection")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((org.axonframework.eventhandling.EventMessageHandler) event -> {
                            handle(event);
                            return null;
                        }).build())
                .messageSource(store).tokenStore(new InMemoryTokenStore())
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .rollbackConfiguration(RollbackConfigurationType.NEVER)
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProjectionLag.register(registry, List.of(processor), store);
        var gauge = registry.get(ProjectionLag.METER).tag("processor", "test-projection").gauge();
        store.publish(GenericEventMessage.asEventMessage("one"), GenericEventMessage.asEventMessage("two"));
        assertThat(gauge.value()).as("not started: no segment").isNaN();

        processor.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> gauge.value() == 0.0);

        store.publish(GenericEventMessage.asEventMessage("hold"), GenericEventMessage.asEventMessage("three"),
                GenericEventMessage.asEventMessage("four"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> gauge.value() == 3.0);
        assertThat(gauge.value()).as("still held").isEqualTo(3.0);

        release.countDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> gauge.value() == 0.0);
    }
}
