package io.bulwark.store.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.bulwark.events.backup.BackupCopyEvictedEvent;
import io.bulwark.events.backup.BackupCopyIds;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupEvictionReason;
import io.bulwark.events.backup.BackupSearchCriteria;
import io.bulwark.events.backup.BackupStorageCondition;
import io.bulwark.events.backup.BackupStorageLowEvent;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.Concurrently;
import io.bulwark.store.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup on the embedded server (mongo-java-server, H2 MVStore file), as the appliance runs it. */
class BackupStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final ScanReport INFECTED_REPORT = ScanReport.of(
            ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "EICAR test file in part 2"),
            ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM));

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<String> eventIds = new CopyOnWriteArrayList<>();
    private StoreConnection connection;
    private BackupStore store;

    @BeforeEach
    void open() {
        open(b -> { });
    }

    private void open(java.util.function.Consumer<BackupStore.Builder> settings) {
        connection = StoreConnection.embedded(dir.resolve("store/bulwark.mv"), false);
        BackupStore.Builder builder = BackupStore.builder()
                .database(database())
                .durabilityBarrier(connection.durabilityBarrier())
                .clock(clock)
                .nodeId("node-1")
                .minFreeDiskBytes(0)
                .events((id, payload) -> {
                    eventIds.add(id);
                    events.add(payload);
                });
        settings.accept(builder);
        store = builder.build();
    }

    private void reopen(java.util.function.Consumer<BackupStore.Builder> settings) {
        close();
        open(settings);
    }

    private MongoDatabase database() {
        return connection.client().getDatabase("bulwark");
    }

    @AfterEach
    void close() {
        store.close();
        connection.close();
    }

    private static NewBackupCopy copy(String id, String sender, String recipient, String client, ProtectionModule module,
            ScanStatus status) {
        return new NewBackupCopy(id, new MessageRef("Q-" + id, id + "@mail.example", sender, List.of(recipient), 100,
                client, "node-1"), List.of(new BackupTrigger(module, status, "r1", "Default")), INFECTED_REPORT);
    }

    private static NewBackupCopy copy(String id) {
        return copy(id, "alice@example.com", "bob@corp.example", "198.51.100.7", ProtectionModule.ANTI_VIRUS,
                ScanStatus.INFECTED);
    }

    private static byte[] textMessage(int lines) {
        StringBuilder text = new StringBuilder("From: alice@example.com\r\nTo: bob@corp.example\r\nSubject: report\r\n\r\n");
        for (int i = 0; i < lines; i++) {
            text.append("Line ").append(i).append(": the quarterly figures are attached as discussed.\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void returnsTheOriginalByteForByteWithItsMetadataAndScanReport() {
        byte[] original = textMessage(20_000); // about 1.2 MB of text
        BackupCopyView view = store.put(copy("b1"), original);

        assertThat(store.get("b1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(original));
        assertThat(view.sizeBytes()).isEqualTo(original.length);
        assertThat(view.sha256()).isEqualTo(BackupStore.sha256(original));
        assertThat(view.storedAt()).isEqualTo(T0);
        assertThat(store.find("b1")).hasValueSatisfying(details -> {
            assertThat(details.copy()).isEqualTo(view);
            assertThat(details.scanReport()).isEqualTo(INFECTED_REPORT);
        });
        assertThat(store.get("unknown")).isEmpty();
    }

    @Test
    void storesIncompressibleMessagesOverSeveralChunksAsTheyAre() {
        byte[] original = randomBytes(3 * BackupStore.CHUNK_SIZE + 17, 1);
        BackupCopyView view = store.put(copy("b1"), original);

        assertThat(view.compressedBytes()).isEqualTo(original.length);
        assertThat(database().getCollection(BackupStore.CHUNKS).countDocuments()).isEqualTo(4);
        assertThat(store.get("b1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(original));
    }

    @Test
    void compressesATextMessageToAFractionOfItsSize() {
        byte[] original = textMessage(2_000);
        BackupCopyView view = store.put(copy("b1"), original);

        assertThat(view.compressedBytes()).isLessThan(original.length / 4);
        assertThat(store.usage().usedBytes()).isEqualTo(view.compressedBytes());
    }

    @Test
    void aPutCommitsTheStoreItselfAndThePutLeavingTheCommitToItsCallerDoesNot() {
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        reopen(b -> b.durabilityBarrier(() -> {
            commits.incrementAndGet();
            connection.durabilityBarrier().commit();
        }));
        byte[] original = textMessage(10);

        store.put(copy("b1"), original);
        assertThat(commits).hasValue(1);
        BackupCopyView second = store.putLeavingCommitToCaller(copy("b2"), original);
        assertThat(commits).as("the caller's own commit (the announcing event's) makes it durable").hasValue(1);

        assertThat(store.get("b2")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(original));
        assertThat(store.usage().copies()).isEqualTo(2);
        assertThat(store.putLeavingCommitToCaller(copy("b2"), original)).isEqualTo(second);
    }

    @Test
    void putsOfOneIdRacingEachOtherKeepOneCopyAndCountItOnce() throws Exception {
        byte[] original = textMessage(50);
        int rounds = 10;
        int racers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < rounds; round++) {
                String id = "race-" + round;
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
                List<java.util.concurrent.Future<BackupCopyView>> puts = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    puts.add(pool.submit(() -> {
                        start.await();
                        return store.put(copy(id), original);
                    }));
                }
                for (java.util.concurrent.Future<BackupCopyView> put : puts) {
                    assertThat(put.get(30, java.util.concurrent.TimeUnit.SECONDS).backupId()).isEqualTo(id);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long each = store.find("race-0").orElseThrow().copy().compressedBytes();
        assertThat(store.usage().copies()).isEqualTo(rounds);
        assertThat(store.usage().usedBytes()).isEqualTo(rounds * each);
    }

    /**
     * Many sessions keep copies of different messages at once (the benchmark's 20 sessions): each
     * copy gets a number of its own. The embedded store once told two of them the same number, and
     * the second copy's insert was refused, a 451 for its message.
     */
    @Test
    void copiesOfDifferentMessagesKeptAtOnceAreAllKept() {
        byte[] original = textMessage(5);
        int writers = 8;
        int each = 60;
        Concurrently.run(writers, writer -> {
            for (int i = 0; i < each; i++) {
                store.putLeavingCommitToCaller(copy("w" + writer + "-" + i), original);
            }
        });
        assertThat(store.usage().copies()).isEqualTo(writers * each);
        assertThat(store.find("w7-59")).isPresent();
    }

    @Test
    void aCopyWhoseInsertIsRefusedIsTakenOutOfTheRunningTotalAgain() {
        BackupCopyView first = store.put(copy("b1"), textMessage(10));
        // wind the sequence back: the next put's document collides with the first one's _id
        database().getCollection(BackupStore.STATE).updateOne(new org.bson.Document("_id", "backup"),
                new org.bson.Document("$inc", new org.bson.Document("next", -1L)));

        assertThatThrownBy(() -> store.put(copy("b2"), textMessage(20)))
                .isInstanceOf(com.mongodb.MongoWriteException.class);
        assertThat(store.usage().copies()).isEqualTo(1);
        assertThat(store.usage().usedBytes()).isEqualTo(first.compressedBytes());
    }

    @Test
    void aSecondPutOfTheSameIdChangesNothing() {
        BackupCopyView first = store.put(copy("b1"), textMessage(10));
        clock.advance(Duration.ofMinutes(1));
        BackupCopyView second = store.put(copy("b1"), textMessage(10));

        assertThat(second).isEqualTo(first);
        assertThat(store.usage().copies()).isEqualTo(1);
        assertThat(store.usage().usedBytes()).isEqualTo(first.compressedBytes());
    }

    @Test
    void searchesByEveryFilterNewestFirst() {
        store.put(copy("old", "alice@example.com", "bob@corp.example", "198.51.100.7", ProtectionModule.ANTI_VIRUS,
                ScanStatus.INFECTED), textMessage(5));
        clock.advance(Duration.ofHours(1));
        store.put(copy("mid", "mallory@spam.example", "carol@corp.example", "203.0.113.9", ProtectionModule.EXTERNAL_SANDBOX,
                ScanStatus.SANDBOX_DETECTED), textMessage(5));
        clock.advance(Duration.ofHours(1));
        store.put(copy("new", "Alice@Example.com", "dave@corp.example", "198.51.100.7", ProtectionModule.CONTENT_FILTERING,
                ScanStatus.FORBIDDEN_SIZE), textMessage(5));

        assertThat(ids(BackupSearchCriteria.ANY, 100)).containsExactly("new", "mid", "old");
        assertThat(ids(BackupSearchCriteria.ANY, 2)).containsExactly("new", "mid");
        assertThat(ids(criteria(ProtectionModule.EXTERNAL_SANDBOX, null, null, null, null, null, null), 100))
                .containsExactly("mid");
        assertThat(ids(criteria(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, null, null, null, null, null), 100))
                .containsExactly("old");
        assertThat(ids(criteria(ProtectionModule.ANTI_VIRUS, ScanStatus.FORBIDDEN_SIZE, null, null, null, null, null), 100))
                .isEmpty();
        assertThat(ids(criteria(null, null, "alice@EXAMPLE", null, null, null, null), 100)).containsExactly("new", "old");
        assertThat(ids(criteria(null, null, null, "carol", null, null, null), 100)).containsExactly("mid");
        assertThat(ids(criteria(null, null, null, null, "198.51.100.7", null, null), 100)).containsExactly("new", "old");
        assertThat(ids(criteria(null, null, null, null, null, T0.plusSeconds(1800), T0.plusSeconds(3 * 3600)), 100))
                .containsExactly("new", "mid");
        assertThat(ids(criteria(null, null, null, null, null, null, T0.plusSeconds(3600)), 100)).containsExactly("old");
    }

    private static BackupSearchCriteria criteria(ProtectionModule module, ScanStatus status, String sender,
            String recipient, String clientIp, Instant from, Instant to) {
        return new BackupSearchCriteria(module, status, sender, recipient, clientIp, from, to);
    }

    private List<String> ids(BackupSearchCriteria criteria, int limit) {
        return store.search(criteria, limit).stream().map(BackupCopyView::backupId).toList();
    }

    @Test
    void evictsTheOldestCopiesWhenOverTheCap() {
        byte[] message = randomBytes(1000, 7);
        reopen(b -> b.maxBytes(2500));
        store.put(copy("c1"), message);
        store.put(copy("c2"), message);
        store.put(copy("c3"), message);
        store.put(copy("c4"), message);

        // Also triggered by put on the maintenance thread; a direct run is deterministic.
        store.maintain();

        assertThat(ids(BackupSearchCriteria.ANY, 100)).containsExactly("c4", "c3");
        assertThat(store.get("c1")).isEmpty();
        assertThat(store.usage().usedBytes()).isEqualTo(2000);
        assertThat(database().getCollection(BackupStore.CHUNKS).countDocuments()).isEqualTo(2);
        List<BackupCopyEvictedEvent> evicted = events.stream().filter(BackupCopyEvictedEvent.class::isInstance)
                .map(BackupCopyEvictedEvent.class::cast).toList();
        assertThat(evicted).extracting(BackupCopyEvictedEvent::backupId).containsExactly("c1", "c2");
        assertThat(evicted).allMatch(e -> e.reason() == BackupEvictionReason.SIZE_CAP && e.compressedBytes() == 1000);
        assertThat(eventIds).contains(BackupCopyIds.evictedEventId("c1"));
    }

    @Test
    void evictsCopiesOlderThanTheAgeLimitOldestFirst() {
        reopen(b -> b.maxAge(Duration.ofDays(30)));
        store.put(copy("c1"), textMessage(3));
        clock.advance(Duration.ofDays(10));
        store.put(copy("c2"), textMessage(3));
        clock.advance(Duration.ofDays(10));
        store.put(copy("c3"), textMessage(3));

        clock.advance(Duration.ofDays(11)); // c1 is 31 days old, c2 21
        assertThat(store.maintain()).isEqualTo(1);
        assertThat(ids(BackupSearchCriteria.ANY, 100)).containsExactly("c3", "c2");
        assertThat(events).singleElement().isInstanceOfSatisfying(BackupCopyEvictedEvent.class,
                e -> assertThat(e.reason()).isEqualTo(BackupEvictionReason.AGE_LIMIT));

        clock.advance(Duration.ofDays(10));
        assertThat(store.maintain()).isEqualTo(1);
        assertThat(ids(BackupSearchCriteria.ANY, 100)).containsExactly("c3");
    }

    @Test
    void evictionPassesCopiesDeletedByHand() {
        byte[] message = randomBytes(1000, 3);
        reopen(b -> b.maxBytes(2500));
        store.put(copy("c1"), message);
        store.put(copy("c2"), message);
        assertThat(store.delete("c1")).isTrue();
        assertThat(store.delete("c1")).isFalse();
        clock.advance(Duration.ofMinutes(5)); // the hole left by c1 is older than the grace period
        store.put(copy("c3"), message);
        store.put(copy("c4"), message);

        store.maintain();

        assertThat(ids(BackupSearchCriteria.ANY, 100)).containsExactly("c4", "c3");
        assertThat(store.usage()).satisfies(u -> {
            assertThat(u.copies()).isEqualTo(2);
            assertThat(u.usedBytes()).isEqualTo(2000);
        });
        Document state = database().getCollection(BackupStore.STATE).find().first();
        assertThat(state.get("head", Number.class).longValue()).isEqualTo(2); // c3 is the oldest left
    }

    @Test
    void keepsTheRunningTotalAndTheCopiesAcrossARestart() {
        byte[] original = textMessage(300);
        BackupCopyView view = store.put(copy("b1"), original);
        store.put(copy("b2"), randomBytes(500, 2));

        reopen(b -> { });

        assertThat(store.usage().copies()).isEqualTo(2);
        assertThat(store.usage().usedBytes()).isEqualTo(view.compressedBytes() + 500);
        assertThat(store.get("b1")).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(original));
        store.put(copy("b3"), original);
        assertThat(ids(BackupSearchCriteria.ANY, 100)).containsExactly("b3", "b2", "b1");
    }

    @Test
    void warnsWhenTheCapIsNearlyReachedOnlyOncePerInterval() {
        reopen(b -> b.maxBytes(1000).warningInterval(Duration.ofHours(24)));
        store.put(copy("c1"), randomBytes(800, 5));
        store.maintain();
        assertThat(events).isEmpty();

        store.put(copy("c2"), randomBytes(150, 6)); // 950 of 1000 = 95 %
        store.maintain();
        store.maintain();
        assertThat(events).singleElement().isInstanceOfSatisfying(BackupStorageLowEvent.class, e -> {
            assertThat(e.conditions()).containsExactly(BackupStorageCondition.SIZE_CAP_NEARLY_REACHED);
            assertThat(e.usedBytes()).isEqualTo(950);
            assertThat(e.maxBytes()).isEqualTo(1000);
            assertThat(e.nodeId()).isEqualTo("node-1");
        });

        clock.advance(Duration.ofHours(25));
        store.maintain();
        assertThat(events).hasSize(2);
    }

    @Test
    void warnsWhenTheDataDirectoryDiskIsLow() {
        reopen(b -> b.dataDir(dir).minFreeDiskBytes(Long.MAX_VALUE));
        store.maintain();
        assertThat(events).singleElement().isInstanceOfSatisfying(BackupStorageLowEvent.class, e -> {
            assertThat(e.conditions()).containsExactly(BackupStorageCondition.DISK_SPACE_LOW);
            assertThat(e.freeDiskBytes()).isPositive();
        });
    }

    @Test
    void thePutOverTheCapEvictsOnTheMaintenanceThread() throws InterruptedException {
        reopen(b -> b.maxBytes(1500));
        store.put(copy("c1"), randomBytes(1000, 8));
        store.put(copy("c2"), randomBytes(1000, 9));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> store.usage().copies() == 1);
        assertThat(ids(BackupSearchCriteria.ANY, 10)).containsExactly("c2");
    }

    @Test
    void buildsTheStoredEventAsTheFirstEventOfTheCopysAggregate() {
        BackupCopyView view = store.put(copy("b1"), textMessage(5));
        DomainEventMessage<BackupCopyStoredEvent> message = BackupStore.storedEventMessage(view.storedEvent());

        assertThat(message.getType()).isEqualTo("BackupCopy");
        assertThat(message.getAggregateIdentifier()).isEqualTo("b1");
        assertThat(message.getSequenceNumber()).isZero();
        assertThat(message.getIdentifier()).isEqualTo(BackupCopyIds.storedEventId("b1"));
        assertThat(message.getTimestamp()).isEqualTo(view.storedAt());
        assertThat(message.getPayload().sha256()).isEqualTo(view.sha256());
        assertThat(message.getPayload().triggers()).isEqualTo(view.triggers());
    }

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(i -> i.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

}
