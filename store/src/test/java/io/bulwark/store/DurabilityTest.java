package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AppendingChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    // A line cut by the kill has no END marker and is not an acknowledgement.
                    if (line.startsWith("ACK ") && line.endsWith(" END")) {
                        acknowledged.add(line.substring(4, line.length() - 4));
                    }
                }
            } catch (java.io.IOException ignored) {
                // The stream ends with the process.
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 300 || !child.isAlive());
            assertThat(child.isAlive()).as("child still appending").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
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
