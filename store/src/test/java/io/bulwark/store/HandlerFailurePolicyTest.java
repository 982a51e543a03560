package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler that fails must hold its tracking processor at the failing event, retried, until it
 * succeeds: the token does not pass the event and nothing after it is handled meanwhile. The second
 * test shows what Axon's default error handler does instead (skips), so the first can fail.
 */
class HandlerFailurePolicyTest {

    private static final String PROCESSOR = "failure-policy";

    @TempDir
    Path dir;

    /** Fails on event "e-2" while {@link #broken}; records what it handled, in order. */
    static final class FlakyProjection implements EventMessageHandler {
        final List<String> handled = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong failingPosition = new AtomicLong(-1);
        volatile boolean broken = true;

        @Override
        public Object handle(EventMessage<?> event) {
            if (broken && event.getIdentifier().equals("e-2")) {
                failingPosition.set(((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow());
                failures.incrementAndGet();
                throw new IllegalStateException("read model write timed out (simulated)");
            }
            handled.add(event.getIdentifier());
            return null;
        }
    }

    @Test
    void aFailingHandlerIsRetriedAndTheTokenDoesNotPassTheFailingEvent() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("store/bulwark.mv"))) {
            append(store);
            FlakyProjection projection = new FlakyProjection();
            TrackingEventProcessor processor = processor(store, projection, HandlerFailurePolicy.handler());
            processor.start();
            try {
                // a second failure means the same event came back: retried, not skipped
                await().atMost(Duration.ofMinutes(1)).until(() -> projection.failures.get() >= 2);
                assertThat(projection.handled).containsExactly("e-0", "e-1");
                assertThat(position(store.tokenStore.fetchToken(PROCESSOR, 0)))
                        .isLessThan(projection.failingPosition.get());

                projection.broken = false;
                await().atMost(Duration.ofMinutes(2)).until(() -> projection.handled.size() == 5);
                assertThat(projection.handled).containsExactly("e-0", "e-1", "e-2", "e-3", "e-4");
                await().atMost(Duration.ofMinutes(1)).until(() ->
                        position(store.tokenStore.fetchToken(PROCESSOR, 0)) > projection.failingPosition.get());
            } finally {
                processor.shutDown();
            }
        }
    }

    @Test
    void axonsDefaultLoggingHandlerWouldSkipTheFailingEvent() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("store/bulwark.mv"))) {
            append(store);
            FlakyProjection projection = new FlakyProjection();
            TrackingEventProcessor processor = processor(store, projection, new LoggingErrorHandler());
            processor.start();
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> projection.handled.size() == 4);
                assertThat(projection.handled).containsExactly("e-0", "e-1", "e-3", "e-4");
                assertThat(projection.failures).hasValue(1);
            } finally {
                processor.shutDown();
            }
        }
    }

    private static void append(StoreHarness store) throws Exception {
        Instant at = Instant.parse("2026-12-05T09:00:00Z");
        List<EventMessage<?>> events = IntStream.range(0, 5)
                .<EventMessage<?>>mapToObj(i -> new GenericEventMessage<>("e-" + i, TestEvents.accepted("m-" + i, i),
                        MetaData.emptyInstance(), at.plusSeconds(i)))
                .toList();
        store.appender.append(events).get();
    }

    private static TrackingEventProcessor processor(StoreHarness store, EventMessageHandler handler,
            ListenerInvocationErrorHandler errors) {
        return TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler)
                        .listenerInvocationErrorHandler(errors).build())
                .messageSource(store.eventStore)
                .tokenStore(store.tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(1))
                .build();
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
