package io.bulwark.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.report.internal.TopCounts;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded top list: exact below its capacity, keeps every frequent key above it. */
class TopCountsTest {

    @Test
    void belowCapacityCountsAreExact() {
        TopCounts top = new TopCounts(3);
        for (String k : new String[] {"a", "b", "a", "c", "a", "b"}) {
            top.add(k);
        }
        Map<String, Long> sum = new HashMap<>();
        TopCounts.sumInto(sum, top.toStored());
        assertThat(TopCounts.top(sum, 10)).containsExactly(Map.entry("a", 3L), Map.entry("b", 2L), Map.entry("c", 1L));
    }

    @Test
    void aboveCapacityAFrequentKeyIsKeptAndNeverUndercounted() {
        TopCounts top = new TopCounts(4);
        for (int i = 0; i < 1000; i++) {
            top.add("frequent");
            top.add("rare-" + i);
        }
        assertThat(top.toStored().lines()).hasSize(4);
        Map<String, Long> sum = new HashMap<>();
        TopCounts.sumInto(sum, top.toStored());
        assertThat(TopCounts.top(sum, 1)).containsOnlyKeys("frequent");
        assertThat(sum.get("frequent")).isGreaterThanOrEqualTo(1000L);
    }
}
