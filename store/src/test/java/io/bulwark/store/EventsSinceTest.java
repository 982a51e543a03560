package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsSinceTest {
    @TempDir
    Path dir;

    @Test
    void readsOnlyTheWantedTypeFromTheFirstEventAtOrAfterTheMomentOnTheEmbeddedStore() throws Exception {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        Instant recent = old.plus(Duration.ofDays(30));
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("bulwark.mv"))) {
            List<EventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Instant at = i < 200 ? old.plusSeconds(i) : recent.plusSeconds(i);
                events.add(new GenericEventMessage<>("e-" + i, TestEvents.accepted("m-" + i, i), MetaData.emptyInstance(), at));
                events.add(new GenericEventMessage<>("r-" + i, new TestEvents.RuleRenamed("r", "x" + i), MetaData.emptyInstance(), at));
            }
            for (int i = 0; i < events.size(); i += 50) {
                store.appender.append(events.subList(i, i + 50)).get();
            }
            List<Integer> read = new ArrayList<>();
            long count = EventsSince.forEach(store.engine, recent, TestEvents.MessageAccepted.class, e -> read.add(e.n()));
            assertThat(count).isEqualTo(100);
            assertThat(read).first().isEqualTo(200);
            assertThat(read).last().isEqualTo(299);

            assertThat(EventsSince.forEach(store.engine, old, TestEvents.MessageAccepted.class, e -> true)).isEqualTo(300);
            assertThat(EventsSince.forEach(store.engine, recent.plus(Duration.ofDays(1)), TestEvents.MessageAccepted.class,
                    e -> true)).isZero();
            // the search lands before the window, not at the head
            assertThat(EventsSince.startBefore(store.engine, recent).position().orElseThrow()).isGreaterThanOrEqualTo(350L).isLessThan(450L);
        }
    }

    /**
     * The engine's token at a moment is found without a scan of every stored event (binary search,
     * then a walk from the skew before), and lands where a full scan in global order lands: just
     * before the first event at or after the moment, also when timestamps run a little out of order.
     */
    @Test
    void theTokenAtAMomentIsWhereAFullScanPutsIt() throws Exception {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        try (StoreHarness store = StoreHarness.embedded(dir.resolve("at.mv"))) {
            List<EventMessage<?>> events = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                // mostly in order, every tenth event a minute early (writers' blocks run out of order)
                Instant at = base.plusSeconds(2L * i - (i % 10 == 0 ? 60 : 0));
                times.add(at);
                events.add(new GenericEventMessage<>("t-" + i, new TestEvents.RuleRenamed("r", "x" + i),
                        MetaData.emptyInstance(), at));
            }
            for (int i = 0; i < events.size(); i += 100) {
                store.appender.append(events.subList(i, i + 100)).get();
            }
            List<Instant> moments = new ArrayList<>(List.of(base.minusSeconds(3600), base, base.plusSeconds(1),
                    base.plusSeconds(1000), base.plusSeconds(1001), base.plusSeconds(2998), base.plusSeconds(9999)));
            for (Instant moment : moments) {
                long expected = -1;
                for (int i = 0; i < times.size(); i++) {
                    if (!times.get(i).isBefore(moment)) {
                        expected = i; // the i-th event appended has global index i + 1: the token is at i
                        break;
                    }
                }
                org.axonframework.eventhandling.TrackingToken token = store.engine.createTokenAt(moment);
                if (expected < 0) {
                    assertThat(token).as("after every event: the head").isEqualTo(store.engine.createHeadToken());
                } else if (expected == 0) {
                    assertThat(token).as("before every event").isNull();
                } else {
                    assertThat(token.position()).as("%s", moment).hasValue(expected);
                }
            }
        }
    }
}
