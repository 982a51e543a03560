package io.bulwark.store.backup;

import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.MongoEventAppender;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process for {@link BackupDurabilityTest}: keeps Backup copies as the gateway does (the put
 * without a commit of its own, then the awaited announcement through a lingering appender) from
 * two threads forever, printing {@code ACK <backupId> END} once each announcement is acknowledged.
 * It is meant to be killed.
 */
public final class BackupPuttingChild {

    private BackupPuttingChild() {
    }

    /** The bytes of copy {@code n}: distinct per copy, so a copy read back is known to be its own. */
    static byte[] original(int n) {
        StringBuilder text = new StringBuilder("From: a@example.org\r\nSubject: copy " + n + "\r\n\r\n");
        for (int line = 0; line < 200; line++) {
            text.append("copy ").append(n).append(", line ").append(line).append(": kept before the reply\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The Backup over a store connection, as the child and its test open it. */
    static BackupStore backupStore(StoreConnection connection) {
        return BackupStore.builder()
                .database(connection.client().getDatabase("bulwark"))
                .durabilityBarrier(connection.durabilityBarrier())
                .nodeId("node-1")
                .minFreeDiskBytes(0)
                .events((id, payload) -> { })
                .build();
    }

    public static void main(String[] args) throws Exception {
        StoreConnection connection = StoreConnection.embedded(Path.of(args[0]), false);
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(connection.client().getDatabase("bulwark"))
                .durabilityBarrier(connection.durabilityBarrier())
                .build();
        MongoEventAppender appender = new MongoEventAppender(engine, () -> { }, 1_000, 200,
                Duration.ofMillis(25)).start();
        BackupStore store = backupStore(connection);
        AtomicInteger next = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            callers.submit(() -> {
                while (true) {
                    int n = next.getAndIncrement();
                    String id = "copy-" + n + ".b";
                    BackupCopyView copy = store.putLeavingCommitToCaller(new NewBackupCopy(id,
                            new MessageRef("Q" + n, n + "@example.org", "a@example.org", List.of("b@example.org"), 100,
                                    "192.0.2.1", "node-1"),
                            List.of(new BackupTrigger(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "r1", "Default")),
                            null), original(n));
                    appender.appendAwaited(List.of(BackupStore.storedEventMessage(copy.storedEvent()))).get();
                    synchronized (System.out) {
                        System.out.println("ACK " + n + " END");
                        System.out.flush();
                    }
                }
            });
        }
        callers.awaitTermination(1, TimeUnit.DAYS);
    }
}
