package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
}
