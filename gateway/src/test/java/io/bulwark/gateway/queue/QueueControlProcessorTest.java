package io.bulwark.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.TrafficDirection;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.support.InMemoryEventAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor wiring: one processor per node, which starts at the head of the stream, so a
 * request made before the node's first start is not performed, and one made afterwards is.
 */
class QueueControlProcessorTest {

    @TempDir
    Path data;

    @Test
    void aNodeStartsAtTheHeadAndPerformsOnlyLaterRequests() throws Exception {
        DeliveryScheduler scheduler = new DeliveryScheduler(new Spool(data.resolve("spool")), null, null, 1,
                Duration.ofSeconds(1), Clock.systemUTC());
        InMemoryEventAppender appender = new InMemoryEventAppender();
        QueueControl control = new QueueControl("node-a", new Spool(data.resolve("spool")), scheduler, null, null,
                appender, new QueueControlState(data.resolve("queue-control")), Clock.systemUTC());

        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing.registerEventHandler(c -> new QueueControlEventHandler(control)));
        QueueControlConfiguration.processor("node-a").configureModule(configurer);
        Configuration axon = configurer.buildConfiguration();
        // Before the node ever ran: history, not an instruction for it.
        axon.eventStore().publish(GenericEventMessage.asEventMessage(new NodeTrafficChangeRequestedEvent("old", null,
                TrafficDirection.SENDING, false, "admin", Instant.now())));
        axon.start();
        try {
            TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(QueueControlEventHandler.processorName("node-a"), TrackingEventProcessor.class)
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> !processor.processingStatus().isEmpty()
                    && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()));
            assertThat(scheduler.isSendingPaused()).isFalse();

            axon.eventStore().publish(GenericEventMessage.asEventMessage(new NodeTrafficChangeRequestedEvent("new",
                    "node-a", TrafficDirection.SENDING, false, "admin", Instant.now())));
            await().atMost(Duration.ofSeconds(10)).until(scheduler::isSendingPaused);
            assertThat(appender.payloads(NodeTrafficChangedEvent.class)).singleElement()
                    .extracting(NodeTrafficChangedEvent::requestId).isEqualTo("new");
        } finally {
            axon.shutdown();
        }
    }
}
