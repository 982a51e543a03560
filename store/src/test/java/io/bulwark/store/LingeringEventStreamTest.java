package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linger of a caught-up tracking processor (ADR 0043): when it waits, how long, and that a real
 * processor on the embedded store then takes events appended one by one as few batches.
 */
class LingeringEventStreamTest {

    private static final long MS = 1_000_000L;
    private static final long LINGER = 250 * MS;

    /** A stream over a queue the test fills; the clock moves only when the test or a sleep moves it. */
    static final class Fake implements BlockingStream<TrackedEventMessage<?>> {
        final ArrayDeque<TrackedEventMessage<?>> queue = new ArrayDeque<>();
        final List<Long> timeouts = new ArrayList<>();
        long now;
        long index;

        void add(int n) {
            for (int i = 0; i < n; i++) {
                queue.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index++),
                        GenericEventMessage.asEventMessage("e" + index)));
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(queue.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            timeouts.add(unit.toNanos(timeout));
            return !queue.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return queue.remove();
        }

        @Override
        public void close() {
        }
    }

    private final Fake fake = new Fake();
    private final List<Long> sleeps = new ArrayList<>();
    private final LingeringEventStream stream = new LingeringEventStream(fake, LINGER, () -> fake.now, nanos -> {
        sleeps.add(nanos);
        fake.now += nanos;
    });

    /** Takes a batch as Axon's processor does: the first event, then while peek shows one, up to max. */
    private int batch(int max) throws InterruptedException {
        if (!stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        stream.nextAvailable();
        int taken = 1;
        while (taken < max && stream.peek().isPresent()) {
            stream.nextAvailable();
            taken++;
        }
        return taken;
    }

    @Test
    void theFirstBatchAndABatchAfterAQuietLingerStartAtOnce() throws Exception {
        fake.add(3);
        assertThat(batch(100)).isEqualTo(3);
        fake.now += 2 * LINGER;
        fake.add(1);
        assertThat(batch(100)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aCaughtUpProcessorsNextBatchWaitsForTheRestOfTheLingerAndTakesWhatCameMeanwhile() throws Exception {
        fake.add(1);
        assertThat(batch(100)).isEqualTo(1);
        fake.now += 40 * MS;
        fake.add(5);
        assertThat(batch(100)).as("the five appended meanwhile, as one batch").isEqualTo(5);
        assertThat(sleeps).containsExactly(210 * MS);
        assertThat(fake.timeouts.getLast()).as("the caller's budget less the wait").isEqualTo(790 * MS);
    }

    @Test
    void aFullBatchMeansABacklogAndTheNextStartsAtOnce() throws Exception {
        fake.add(250);
        assertThat(batch(100)).isEqualTo(100);
        assertThat(batch(100)).isEqualTo(100);
        assertThat(batch(100)).isEqualTo(50);
        assertThat(sleeps).isEmpty();
        fake.add(1);
        assertThat(batch(100)).isEqualTo(1);
        assertThat(sleeps).as("the last batch emptied the stream").hasSize(1);
    }

    @Test
    void theWaitNeverExceedsTheCallersTimeout() throws Exception {
        LingeringEventStream longLinger = new LingeringEventStream(fake, 60_000 * MS, () -> fake.now, nanos -> {
            sleeps.add(nanos);
            fake.now += nanos;
        });
        fake.add(1);
        assertThat(longLinger.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        longLinger.nextAvailable();
        assertThat(longLinger.peek()).isEmpty();
        fake.add(1);
        assertThat(longLinger.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sleeps).containsExactly(1000 * MS);
        assertThat(fake.timeouts.getLast()).isZero();
    }

    @Test
    void aWaitThatFindsNothingLeavesTheProcessorIdleAndItsNextEventStartsAtOnce() throws Exception {
        fake.add(1);
        batch(100);
        assertThat(batch(100)).as("nothing came during the linger").isZero();
        assertThat(sleeps).hasSize(1);
        fake.now += LINGER;
        fake.add(1);
        assertThat(batch(100)).isEqualTo(1);
        assertThat(sleeps).as("idle for longer than the linger").hasSize(1);
    }

    @TempDir
    Path dir;

    @Test
    void aRealProcessorTakesEventsAppendedOneByOneAsFewBatches() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("store/bulwark.mv"))) {
            // the linger is capped by the processor's wait for events (3 s here)
            SignallingEventStore lingering = SignallingEventStore.create(
                    EmbeddedEventStore.builder().storageEngine(store.engine).fetchDelay(1000), Duration.ofHours(1));
            List<Integer> batches = new CopyOnWriteArrayList<>();
            List<String> handled = new CopyOnWriteArrayList<>();
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name("lingering")
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers((org.axonframework.eventhandling.EventMessageHandler) event -> {
                                handled.add(event.getIdentifier());
                                return null;
                            }).build())
                    .messageSource(lingering.lingering())
                    .tokenStore(new InMemoryTokenStore() {
                        @Override
                        public void storeToken(org.axonframework.eventhandling.TrackingToken token, String name,
                                int segment) {
                            if (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
                                batches.add(handled.size());
                            }
                            super.storeToken(token, name, segment);
                        }
                    })
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                            .forSingleThreadedProcessing().andBatchSize(100)
                            // the cap of the linger: room for ten appends on a busy machine
                            .andEventAvailabilityTimeout(3, TimeUnit.SECONDS))
                    .build();
            processor.start();
            try {
                append(store, lingering, 0);
                await().atMost(Duration.ofMinutes(1)).until(() -> handled.size() == 1);
                for (int i = 1; i <= 10; i++) {
                    append(store, lingering, i);
                }
                await().atMost(Duration.ofMinutes(1)).until(() -> handled.size() == 11);
                try (var own = lingering.openStream(null)) {
                    assertThat(own).as("the store's own streams do not linger").isNotInstanceOf(LingeringEventStream.class);
                }
            } finally {
                processor.shutDown();
                lingering.shutDown();
            }
            assertThat(handled).hasSize(11).doesNotHaveDuplicates();
            assertThat(batches).as("ten appends, each woke the processor; the linger merged them")
                    .hasSizeLessThanOrEqualTo(3);
        }
    }

    private static void append(StoreHarness store, SignallingEventStore lingering, int n) throws Exception {
        EventMessage<?> event = new GenericEventMessage<>("e-" + n, TestEvents.accepted("m-" + n, n),
                MetaData.emptyInstance(), Instant.parse("2026-12-05T09:00:00Z").plusSeconds(n));
        store.appender.append(List.of(event)).get();
        lingering.signalNewEvents();
    }
}
