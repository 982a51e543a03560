package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tracking processor on the embedded store, its token in the Mongo token store behind
 * {@link CoalescingTokenStore}: batches of events it ignores do not write the token each, a batch
 * it handles does at once, and stopping the processor leaves the last position stored.
 */
class CoalescedTokenWritesEndToEndTest {

    private static final String PROCESSOR = "coalesced-tokens";

    @TempDir
    Path dir;

    /** Takes only the events whose identifier starts with "mine". */
    static final class Picky implements EventMessageHandler {
        final List<String> handled = new CopyOnWriteArrayList<>();

        @Override
        public boolean canHandle(EventMessage<?> event) {
            return event.getIdentifier().startsWith("mine");
        }

        @Override
        public Object handle(EventMessage<?> event) {
            handled.add(event.getIdentifier());
            return null;
        }
    }

    /** The Mongo token store, counting the token writes that reach it. */
    record Counting(TokenStore store, List<Long> writes) implements TokenStore {
        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes.add(token == null ? -1 : token.position().orElse(-1));
            store.storeToken(token, processorName, segment);
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            return store.fetchToken(processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            store.extendClaim(processorName, segment);
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            store.releaseClaim(processorName, segment);
        }

        @Override
        public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
            store.initializeTokenSegments(processorName, segmentCount, initialToken);
        }

        @Override
        public int[] fetchSegments(String processorName) {
            return store.fetchSegments(processorName);
        }
    }

    @Test
    void ignoredBatchesShareATokenWriteHandledOnesWriteAtOnceAndStoppingStoresTheLastPosition() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("store/bulwark.mv"))) {
            Counting counting = new Counting(store.tokenStore, new CopyOnWriteArrayList<>());
            // an interval longer than the test: only handled batches and the release write
            TokenStore tokens = new CoalescingTokenStore(counting, Duration.ofHours(1), Duration.ZERO);
            Picky handler = new Picky();
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name(PROCESSOR)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                    .messageSource(store.eventStore)
                    .tokenStore(tokens)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forSingleThreadedProcessing().andBatchSize(1))
                    .build();
            processor.start();
            long lastAppended;
            try {
                long last = -1;
                for (int i = 0; i < 10; i++) {
                    last = append(store, "other-" + i, i);
                    long wanted = last;
                    await().atMost(Duration.ofMinutes(1)).until(() -> position(processor) >= wanted);
                }
                // ten batches of ignored events: without the coalescing each wrote the token
                assertThat(counting.writes()).allMatch(position -> position < 0);

                long mine = append(store, "mine-0", 10);
                await().atMost(Duration.ofMinutes(1)).until(() -> counting.writes().contains(mine));
                assertThat(handler.handled).containsExactly("mine-0");

                last = append(store, "other-10", 11);
                long wanted = last;
                await().atMost(Duration.ofMinutes(1)).until(() -> position(processor) >= wanted);
                assertThat(counting.writes()).doesNotContain(last);
                lastAppended = last;
            } finally {
                processor.shutDown();
            }
            long stored = store.tokenStore.fetchToken(PROCESSOR, 0).position().orElse(-1);
            assertThat(stored).isEqualTo(counting.writes().getLast()).isEqualTo(lastAppended);
            assertThat(handler.handled).containsExactly("mine-0");
        }
    }

    private static long append(StoreHarness store, String id, int n) throws Exception {
        EventMessage<?> event = new GenericEventMessage<>(id, TestEvents.accepted("m-" + n, n), MetaData.emptyInstance(),
                Instant.parse("2026-12-05T09:00:00Z").plusSeconds(n));
        store.appender.append(List.of(event)).get();
        return store.eventLog().readAfter(-1, 1_000).getLast().globalIndex();
    }

    private static long position(TrackingEventProcessor processor) {
        var status = processor.processingStatus().get(0);
        return status == null || status.getCurrentPosition().isEmpty() ? -1 : status.getCurrentPosition().getAsLong();
    }
}
