package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: a child JVM appends from four threads, is killed with SIGKILL, nothing
 * acknowledged is lost, and every event on disk is found by both of its unique-index lookups.
 */
class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesKillMinus9() throws Exception {
        Path file = dir.resolve("store/bulwark.mv");
        Set<String> acknowledged = KilledChild.acknowledgedBeforeKill(AppendingChild.class, 300, file.toString());
        // As the kill left it, before a start could repair anything.
        assertThat(StoreConnection.inconsistentIndexes(file)).isEmpty();

        try (StoreConnection reopened = StoreConnection.embedded(file, false)) {
            MongoCollection<Document> events = reopened.client().getDatabase("bulwark").getCollection("domain_events");
            List<String> ids = new ArrayList<>(acknowledged);
            Set<String> found = ConcurrentHashMap.newKeySet();
            for (int from = 0; from < ids.size(); from += 500) {
                events.find(Filters.in("eventIdentifier", ids.subList(from, Math.min(ids.size(), from + 500))))
                        .forEach(d -> found.add(d.getString("eventIdentifier")));
            }
            assertThat(found).containsExactlyInAnyOrderElementsOf(acknowledged);

            // Every event on disk, acknowledged or not, is found by both unique-index lookups: a
            // document stored without its index entries would let the same event or the same
            // aggregate sequence be appended a second time.
            List<Document> stored = events.find().into(new ArrayList<>());
            assertThat(stored).hasSizeGreaterThanOrEqualTo(acknowledged.size());
            for (Document event : stored) {
                assertThat(events.find(Filters.in("eventIdentifier", List.of(event.getString("eventIdentifier"))))
                        .first()).as("by event id: %s", event.getString("eventIdentifier")).isNotNull();
                Object aggregateSequence = event.get("aggregateSequence");
                if (aggregateSequence != null) {
                    assertThat(events.find(Filters.in("aggregateSequence", List.of(aggregateSequence))).first())
                            .as("by aggregate sequence: %s", aggregateSequence).isNotNull();
                }
            }
            assertThat(stored).anyMatch(e -> e.get("aggregateSequence") != null && e.getString("aggregateIdentifier") != null);

            // The counter survived with the events: appending after the crash does not clash.
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .database(reopened.client().getDatabase("bulwark"))
                    .durabilityBarrier(reopened.durabilityBarrier()).build();
            engine.appendEvents(TestEvents.plainWithId("after-crash", 1));
            assertThat(events.countDocuments(Filters.eq("eventIdentifier", "after-crash"))).isEqualTo(1);
        }
    }
}
