package io.bulwark.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueIdGeneratorTest {

    @Test
    void idsAreUniqueFileSafeAndSortByTime() {
        QueueIdGenerator early = new QueueIdGenerator("node-a", Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"),
                ZoneOffset.UTC));
        QueueIdGenerator late = new QueueIdGenerator("node-b", Clock.fixed(Instant.parse("2025-01-01T00:00:01Z"),
                ZoneOffset.UTC));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = early.next();
            assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
            assertThat(QueueIdGenerator.isQueueId(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
        assertThat(late.next()).isGreaterThan(ids.stream().max(String::compareTo).orElseThrow());
    }

    @Test
    void twoNodesWithTheSameClockDoNotCollide() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        QueueIdGenerator a = new QueueIdGenerator("node-a", clock);
        QueueIdGenerator b = new QueueIdGenerator("node-b", clock);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(a.next());
            ids.add(b.next());
        }
        assertThat(ids).hasSize(2000);
    }
}
