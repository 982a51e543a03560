package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoEventAppenderTest {

    @TempDir
    Path dir;

    @Test
    void closingWritesWhatIsQueuedThenRefusesNewAppends() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("bulwark.mv"))) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                acks.add(store.appender.append(List.of(TestEvents.plain("m-" + i, i))));
            }
            store.appender.close();

            for (CompletableFuture<Void> ack : acks) {
                ack.get(10, TimeUnit.SECONDS);
            }
            // more than one reply's worth (MongoEventLog.REPLY_EVENTS): the rest come by getMore, in order
            assertThat(store.eventLog().readAfter(-1, 1_000)).hasSize(200)
                    .extracting(EventLog.StoredEvent::globalIndex).isSorted().doesNotHaveDuplicates();
            assertThat(store.appender.stats().appendedEvents()).isEqualTo(200);
            assertThat(store.appender.stats().inFlightEvents()).isZero();
            assertThatThrownBy(() -> store.appender.append(List.of(TestEvents.plain("late", 1))).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void theFirstEventHasGlobalIndexOneSoThatReadingAfterZeroStartsAtTheBeginning() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("bulwark.mv"))) {
            store.appender.append(List.of(TestEvents.plain("first", 1), TestEvents.plain("second", 2)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(store.eventLog().readAfter(0, 10)).extracting(EventLog.StoredEvent::globalIndex)
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void anEmptyAppendCompletesAtOnceAndACallLargerThanTheCapacityIsStillWritten() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("bulwark.mv"))) {
            assertThat(store.appender.append(List.of())).isCompleted();
            List<org.axonframework.eventhandling.EventMessage<?>> many = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {   // the harness' capacity is 2,000
                many.add(TestEvents.plain("bulk-" + i, i));
            }
            store.appender.append(many).get(1, TimeUnit.MINUTES);
            assertThat(store.eventLog().readAfter(2_400, 1_000)).hasSize(100);
        }
    }

    @Test
    void appendsWhileTheLastBatchIsRecentShareOneBatchWhichAnAwaitedAppendOrAFullBatchEndsAtOnce() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("bulwark.mv"))) {
            // a linger of an hour: only the rules that end it early let these futures complete
            MongoEventAppender appender = new MongoEventAppender(store.engine, () -> { }, 100, 3,
                    Duration.ofHours(1)).start();
            try {
                appender.append(List.of(TestEvents.plain("first", 1))).get(10, TimeUnit.SECONDS);
                assertThat(appender.stats().batches()).as("after a quiet spell: at once").isEqualTo(1);

                CompletableFuture<Void> second = appender.append(List.of(TestEvents.plain("second", 2)));
                CompletableFuture<Void> third = appender.appendAwaited(List.of(TestEvents.plain("third", 3)));
                CompletableFuture.allOf(second, third).get(10, TimeUnit.SECONDS);
                assertThat(appender.stats().batches()).as("second waited; the awaited third ended the linger")
                        .isEqualTo(2);

                List<CompletableFuture<Void>> full = new ArrayList<>();
                for (int i = 4; i <= 6; i++) {
                    full.add(appender.append(List.of(TestEvents.plain("event-" + i, i))));
                }
                CompletableFuture.allOf(full.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
                assertThat(appender.stats().batches()).as("three events fill a batch (max 3)").isEqualTo(3);

                // after a full batch (a backlog) the next starts without lingering
                appender.append(List.of(TestEvents.plain("seventh", 7))).get(10, TimeUnit.SECONDS);
                assertThat(appender.stats().batches()).isEqualTo(4);
                CompletableFuture<Void> eighth = appender.append(List.of(TestEvents.plain("eighth", 8)));
                Thread.sleep(200);
                assertThat(eighth).as("after a batch that was not full: waits out the linger").isNotDone();
                appender.appendAwaited(List.of(TestEvents.plain("ninth", 9))).get(10, TimeUnit.SECONDS);
                assertThat(eighth).isDone();
                assertThat(store.eventLog().readAfter(-1, 20)).hasSize(9);
            } finally {
                appender.close();
            }
        }
    }

    @Test
    void closingWhileTheWriterLingersWritesWhatItTookAndReturns() throws Exception {
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("bulwark.mv"))) {
            MongoEventAppender appender = new MongoEventAppender(store.engine, () -> { }, 100, 10,
                    Duration.ofHours(1)).start();
            appender.append(List.of(TestEvents.plain("first", 1))).get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> lingering = appender.append(List.of(TestEvents.plain("second", 2)));
            Thread.sleep(200);
            assertThat(lingering).isNotDone();

            appender.close(); // joins the writer: returns only once the linger is over

            lingering.get(10, TimeUnit.SECONDS);
            assertThat(store.eventLog().readAfter(-1, 10)).hasSize(2);
        }
    }
}
