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
}
