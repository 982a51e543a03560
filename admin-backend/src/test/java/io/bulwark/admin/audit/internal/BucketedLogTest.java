package io.bulwark.admin.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bucketed log against a plain list: thousands of rows over several buckets, random filters,
 * ranges and pages, each answered both by the log and by filtering the list, must agree.
 */
class BucketedLogTest {

    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final String[] TYPES = {"Login", "LoginFailed", "RuleEdited", "Logout"};
    private static final String[] USERS = {"alice", "bob", "carol"};

    private MongoServer server;
    private MongoClient client;
    private BucketedLog log;

    private record Row(long seq, String eventId, Instant at, String type, String user, Set<String> keys) {
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        log = new BucketedLog(client.getDatabase("test"), "log");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static List<Row> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            String user = USERS[random.nextInt(USERS.length)];
            // Mostly increasing times with some out of order, as events from several nodes are.
            Instant at = T0.plusSeconds(i * 10L + random.nextInt(40));
            Set<String> keys = new LinkedHashSet<>();
            keys.add(LogKeys.exact("type", type));
            keys.add(LogKeys.exact("subject", user));
            rows.add(new Row(i, "e" + i, at, type, user, keys));
        }
        return rows;
    }

    private void append(List<Row> rows, int chunk) {
        for (int i = 0; i < rows.size(); i += chunk) {
            log.append(rows.subList(i, Math.min(rows.size(), i + chunk)).stream()
                    .map(r -> new BucketedLog.NewRow(r.eventId(), r.at(), new Document("type", r.type()), r.keys()))
                    .toList());
        }
    }

    @Test
    void randomQueriesAgreeWithFilteringAList() {
        List<Row> rows = rows(3 * BucketedLog.BUCKET + 123, 7);
        append(rows, 500);
        assertThat(log.size()).isEqualTo(rows.size());
        Random random = new Random(11);
        for (int q = 0; q < 60; q++) {
            Instant from = random.nextBoolean() ? null : T0.plusSeconds(random.nextInt(45_000));
            Instant to = random.nextBoolean() ? null : T0.plusSeconds(random.nextInt(45_000));
            List<Set<String>> groups = new ArrayList<>();
            Predicate<Row> expected = row -> (from == null || !row.at().isBefore(from)) && (to == null || row.at().isBefore(to));
            if (random.nextBoolean()) {
                String a = TYPES[random.nextInt(TYPES.length)];
                String b = TYPES[random.nextInt(TYPES.length)];
                groups.add(new LinkedHashSet<>(List.of(LogKeys.exact("type", a), LogKeys.exact("type", b))));
                expected = expected.and(row -> row.type().equals(a) || row.type().equals(b));
            }
            if (random.nextBoolean()) {
                String user = USERS[random.nextInt(USERS.length)];
                groups.add(Set.of(LogKeys.exact("subject", user.toUpperCase())));
                expected = expected.and(row -> row.user().equals(user));
            }
            boolean newestFirst = random.nextBoolean();
            int offset = random.nextInt(2000);
            int limit = 1 + random.nextInt(300);
            List<Row> matching = rows.stream().filter(expected)
                    .sorted(newestFirst ? Comparator.comparingLong(Row::seq).reversed() : Comparator.comparingLong(Row::seq))
                    .toList();

            BucketedLog.Page page = log.find(new BucketedLog.Criteria(from, to, groups, newestFirst, offset, limit));

            assertThat(page.total()).as("query %d total", q).isEqualTo(matching.size());
            List<String> want = matching.stream().skip(offset).limit(limit).map(Row::eventId).toList();
            assertThat(page.rows().stream().map(d -> d.getString(BucketedLog.EVENT_ID)).toList())
                    .as("query %d page", q).isEqualTo(want);
        }
    }

    @Test
    void appendingTheSameEventsAgainChangesNothing() {
        List<Row> rows = rows(1500, 3);
        append(rows, 700);
        append(rows.subList(600, 1500), 250);

        assertThat(log.size()).isEqualTo(1500);
        BucketedLog.Page all = log.find(new BucketedLog.Criteria(null, null, List.of(), false, 0, 2000));
        assertThat(all.total()).isEqualTo(1500);
        assertThat(all.rows()).extracting(d -> ((Number) d.get("_id")).longValue())
                .containsExactlyElementsOf(rows.stream().map(Row::seq).toList());
    }

    @Test
    void rowsKeepTheirFieldsTimeAndEventId() {
        log.append(List.of(new BucketedLog.NewRow("x1", T0, new Document("type", "Login").append("user", "alice"),
                Set.of("type=login"))));

        Document row = log.find(new BucketedLog.Criteria(null, null, List.of(Set.of("type=login")), true, 0, 10))
                .rows().getFirst();
        assertThat(row.getString("user")).isEqualTo("alice");
        assertThat(row.getDate(BucketedLog.AT).toInstant()).isEqualTo(T0);
        assertThat(row.getString(BucketedLog.EVENT_ID)).isEqualTo("x1");
        assertThat(log.find(new BucketedLog.Criteria(null, null, List.of(Set.of("type=logout")), true, 0, 10)).total())
                .isZero();
    }

    @Test
    void clearEmptiesTheLog() {
        append(rows(100, 1), 100);
        log.clear();
        assertThat(log.size()).isZero();
        assertThat(log.find(new BucketedLog.Criteria(null, null, List.of(), true, 0, 10)).total()).isZero();
    }
}
