package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four writers (two through the EventAppender, two publishing through the event store) while a
 * tracking processor with the Mongo token store reads; then a restart on the same file.
 */
class TrackingProcessorEndToEndTest {

    private static final int WRITERS = 4;
    private static final int EVENTS_PER_WRITER = 2_500;

    @TempDir
    Path dir;

    /** Records what the processor saw. */
    static final class Recorder implements EventMessageHandler {
        final Map<String, Integer> seen = new ConcurrentHashMap<>();
        final List<String> duplicates = new CopyOnWriteArrayList<>();
        final List<String> outOfOrder = new CopyOnWriteArrayList<>();
        final AtomicLong lastPosition;

        Recorder(long startPosition) {
            lastPosition = new AtomicLong(startPosition);
        }

        @Override
        public Object handle(EventMessage<?> event) {
            long position = ((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow();
            long previous = lastPosition.getAndSet(position);
            if (position <= previous) {
                outOfOrder.add(previous + " -> " + position);
            }
            if (seen.merge(event.getIdentifier(), 1, Integer::sum) > 1) {
                duplicates.add(event.getIdentifier());
            }
            return null;
        }
    }

    private static TrackingEventProcessor processor(StoreHarness store, Recorder recorder) {
        return TrackingEventProcessor.builder()
                .name("end-to-end")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(recorder).build())
                .messageSource(store.eventStore)
                .tokenStore(store.tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(100))
                .build();
    }

    private static StoreHarness open(Path file) {
        // A generous hold: on a loaded machine an insert may take long; order must still hold.
        return StoreHarness.embedded(file, b -> b.gapHold(Duration.ofSeconds(20)));
    }

    @Test
    void everyEventIsSeenOnceInGlobalOrderAndTheProcessorResumesAfterARestart() throws Exception {
        Path file = dir.resolve("store/bulwark.mv");
        Set<String> written = ConcurrentHashMap.newKeySet();
        Recorder first = new Recorder(-1);

        try (StoreHarness store = open(file)) {
            TrackingEventProcessor processor = processor(store, first);
            processor.start();

            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<List<CompletableFuture<Void>>>> results = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                results.add(writers.submit(() -> write(store, writer, written)));
            }
            for (Future<List<CompletableFuture<Void>>> result : results) {
                for (CompletableFuture<Void> ack : result.get(2, TimeUnit.MINUTES)) {
                    ack.get(1, TimeUnit.MINUTES);
                }
            }
            writers.shutdown();
            assertThat(written).hasSize(WRITERS * EVENTS_PER_WRITER);

            await().atMost(Duration.ofMinutes(1)).until(() -> first.seen.size() >= written.size());
            assertThat(first.seen.keySet()).isEqualTo(written);
            assertThat(first.duplicates).isEmpty();
            assertThat(first.outOfOrder).isEmpty();
            processor.shutDown();
        }

        Recorder second = new Recorder(first.lastPosition.get());
        try (StoreHarness store = open(file)) {
            TrackingEventProcessor processor = processor(store, second);
            processor.start();
            Set<String> newEvents = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                EventMessage<?> event = i % 2 == 0 ? TestEvents.plain("after-restart-" + i, i)
                        : TestEvents.domain("restart-aggregate", i / 2, "n" + i);
                newEvents.add(event.getIdentifier());
                acks.add(store.appender.append(List.of(event)));
            }
            for (CompletableFuture<Void> ack : acks) {
                ack.get(1, TimeUnit.MINUTES);
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> second.seen.size() >= newEvents.size());
            processor.shutDown();

            assertThat(second.seen.keySet()).as("only the new events, nothing re-delivered").isEqualTo(newEvents);
            assertThat(second.duplicates).isEmpty();
            assertThat(second.outOfOrder).isEmpty();
        }
    }

    /** One writer: domain events on its own 50 aggregates and plain events, in calls of 1-4. */
    private static List<CompletableFuture<Void>> write(StoreHarness store, int writer, Set<String> written) {
        Random random = new Random(writer);
        long[] sequences = new long[50];
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        int count = 0;
        while (count < EVENTS_PER_WRITER) {
            int size = Math.min(1 + random.nextInt(4), EVENTS_PER_WRITER - count);
            List<EventMessage<?>> call = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                EventMessage<?> event;
                if (random.nextBoolean()) {
                    int aggregate = random.nextInt(sequences.length);
                    event = TestEvents.domain("w" + writer + "-agg" + aggregate, sequences[aggregate]++, "n" + count);
                } else {
                    event = TestEvents.plain("w" + writer + "-m" + count, count);
                }
                call.add(event);
                written.add(event.getIdentifier());
                count++;
            }
            if (writer < 2) {
                acks.add(store.appender.append(call));
            } else {
                store.eventStore.publish(call);
            }
        }
        return acks;
    }
}
