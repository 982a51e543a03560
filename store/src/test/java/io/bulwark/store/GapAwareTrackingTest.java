package io.bulwark.store;

import static io.bulwark.store.TestEvents.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.store.internal.GlobalIndexAllocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holes in the global order: two engines on one database stand for two nodes (each reserves its
 * own block of indexes), so one node's events become visible "out of order" relative to the other's.
 */
class GapAwareTrackingTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private StoreConnection connection;
    private StoreHarness nodeA;
    private StoreHarness nodeB;

    @BeforeEach
    void open() {
        connection = StoreConnection.embedded(dir.resolve("bulwark.mv"), false);
    }

    @AfterEach
    void close() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        connection.close();
    }

    private void twoNodes(Duration gapHold, int lookAheadWindow) {
        nodeA = StoreHarness.on(connection, "bulwark",
                b -> b.clock(clock).gapHold(gapHold).lookAheadWindow(lookAheadWindow));
        nodeB = StoreHarness.on(connection, "bulwark",
                b -> b.clock(clock).gapHold(gapHold).lookAheadWindow(lookAheadWindow));
    }

    private List<TrackedEventMessage<?>> read(StoreHarness node, TrackingToken after) {
        return node.engine.readEvents(after, false).collect(Collectors.toList());
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    private static GapAwareTrackingToken token(TrackedEventMessage<?> event) {
        return (GapAwareTrackingToken) event.trackingToken();
    }

    @Test
    void aHoleFilledLaterIsDeliveredFromTheTokensGaps() {
        twoNodes(Duration.ZERO, 0);
        nodeA.engine.appendEvents(plain("a-1", 1));   // index 1, node A holds block 1..100
        nodeB.engine.appendEvents(plain("b-1", 2));   // index 101, node B holds block 101..200

        List<TrackedEventMessage<?>> first = read(nodeA, null);
        assertThat(first).extracting(GapAwareTrackingTest::position).containsExactly(1L, 101L);
        GapAwareTrackingToken afterFirst = token(first.get(1));
        assertThat(afterFirst.getGaps()).hasSize(99).contains(2L, 100L);

        nodeA.engine.appendEvents(plain("a-2", 3));   // index 2: fills a gap

        List<TrackedEventMessage<?>> second = read(nodeB, afterFirst);
        assertThat(second).extracting(e -> e.getIdentifier()).hasSize(1);
        assertThat(((TestEvents.MessageAccepted) second.get(0).getPayload()).messageId()).isEqualTo("a-2");
        assertThat(token(second.get(0)).getIndex()).isEqualTo(101);
        assertThat(token(second.get(0)).getGaps()).hasSize(98).doesNotContain(2L);
        assertThat(read(nodeA, second.get(0).trackingToken())).isEmpty();
    }

    @Test
    void gapsBelowAnEventStoredLongerAgoThanTheGapTimeoutAreDropped() {
        twoNodes(Duration.ZERO, 0);
        nodeA.engine.appendEvents(plain("a-1", 1));
        nodeB.engine.appendEvents(plain("b-1", 2));
        GapAwareTrackingToken withGaps = token(read(nodeA, null).get(1));
        assertThat(withGaps.getGaps()).hasSize(99);

        clock.advance(Duration.ofSeconds(30));
        nodeB.engine.appendEvents(plain("b-2", 3));
        assertThat(token(read(nodeA, withGaps).get(0)).getGaps()).as("not yet timed out").hasSize(99);

        clock.advance(Duration.ofSeconds(31));
        nodeB.engine.appendEvents(plain("b-3", 4));
        List<TrackedEventMessage<?>> later = read(nodeA, withGaps);
        assertThat(later).hasSize(2);
        assertThat(token(later.get(1)).getGaps()).isEmpty();
        assertThat(token(later.get(1)).getIndex()).isEqualTo(103);
    }

    @Test
    void aFreshHoleIsWaitedForSoDeliveryStaysInGlobalOrder() {
        twoNodes(Duration.ofSeconds(5), 0);
        nodeA.engine.appendEvents(plain("a-1", 1));   // 1
        nodeB.engine.appendEvents(plain("b-1", 2));   // 201: above a fresh hole 2..100

        List<TrackedEventMessage<?>> first = read(nodeA, null);
        assertThat(first).extracting(GapAwareTrackingTest::position).containsExactly(1L);

        nodeA.engine.appendEvents(plain("a-2", 3));   // 2: the hole shrinks, still young
        List<TrackedEventMessage<?>> second = read(nodeA, first.get(0).trackingToken());
        assertThat(second).extracting(GapAwareTrackingTest::position).containsExactly(2L);

        clock.advance(Duration.ofSeconds(6));         // the hole is old now: deliver past it
        List<TrackedEventMessage<?>> third = read(nodeA, second.get(0).trackingToken());
        assertThat(third).extracting(GapAwareTrackingTest::position).containsExactly(101L);
        assertThat(token(third.get(0)).getGaps()).hasSize(98);
    }

    @Test
    void eventsAfterABlockAbandonedByACrashedWriterAreStillRead() {
        twoNodes(Duration.ZERO, 20);
        // A writer reserves a block and dies before using it.
        new GlobalIndexAllocator(connection.client().getDatabase("bulwark").getCollection("event_counters"),
                100, Duration.ofSeconds(10), clock).allocate(1);

        for (int i = 0; i < 5; i++) {
            nodeA.engine.appendEvents(plain("after-crash-" + i, i));
        }

        List<TrackedEventMessage<?>> events = read(nodeB, null);
        assertThat(events).extracting(GapAwareTrackingTest::position).containsExactly(101L, 102L, 103L, 104L, 105L);
        assertThat(nodeA.eventLog().readAfter(-1, 3)).extracting(EventLog.StoredEvent::globalIndex)
                .containsExactly(101L, 102L, 103L);
        assertThat(nodeA.eventLog().readAfter(103, 10)).extracting(EventLog.StoredEvent::globalIndex)
                .containsExactly(104L, 105L);

        clock.advance(Duration.ofSeconds(61));
        nodeA.engine.appendEvents(plain("much-later", 9));
        List<TrackedEventMessage<?>> later = read(nodeB, events.get(4).trackingToken());
        assertThat(later).extracting(GapAwareTrackingTest::position).containsExactly(106L);
        assertThat(token(later.get(0)).getGaps()).as("the abandoned block timed out").isEmpty();
    }

    @Test
    void aCleanShutdownGivesUnusedIndexesBackSoARestartLeavesNoHole() {
        twoNodes(Duration.ZERO, 0);
        nodeA.engine.appendEvents(plain("a-1", 1));   // 1, block 1..100
        nodeA.engine.close();                         // gives 2..100 back
        nodeB.engine.appendEvents(plain("b-1", 2));   // 2

        assertThat(read(nodeB, null)).extracting(GapAwareTrackingTest::position).containsExactly(1L, 2L);
    }
}
