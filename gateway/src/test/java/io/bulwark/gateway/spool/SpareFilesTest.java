package io.bulwark.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpareFilesTest {
    @TempDir
    Path dir;

    /** Directory syncs that do nothing but count as done. */
    private final DirectorySync syncs = new DirectorySync(() -> { });

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<String> names() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKeptFileIsEmptiedUnderASpareNameAndTakenForTheNextOne() throws Exception {
        SpareFiles spares = new SpareFiles(dir, 4, syncs);
        Object inode = Files.getAttribute(file("A.msg", "mail of A"), "unix:ino");
        spares.keep(dir.resolve("A.msg"));
        assertThat(names()).singleElement().satisfies(n -> assertThat(SpareFiles.isSpare(n)).isTrue());
        assertThat(Files.size(dir.resolve(names().getFirst()))).isZero();

        assertThat(spares.take(dir.resolve("B.part"))).isFalse(); // its renaming is not durable yet
        syncs.sync();
        assertThat(spares.take(dir.resolve("B.part"))).isTrue();
        assertThat(names()).containsExactly("B.part");
        assertThat(Files.getAttribute(dir.resolve("B.part"), "unix:ino")).isEqualTo(inode);
        assertThat(Files.size(dir.resolve("B.part"))).isZero();
        assertThat(spares.take(dir.resolve("C.part"))).isFalse(); // none left: the caller creates
        assertThat(spares.size()).isZero();
    }

    @Test
    void atMostTheLimitIsKeptTheRestIsDeleted() throws Exception {
        SpareFiles spares = new SpareFiles(dir, 2, syncs);
        for (String name : List.of("A.msg", "B.msg", "C.msg")) {
            spares.keep(file(name, "mail"));
        }
        assertThat(spares.size()).isEqualTo(2);
        assertThat(names()).hasSize(2).allSatisfy(n -> assertThat(SpareFiles.isSpare(n)).isTrue());
    }

    @Test
    void aSyncThatWasRunningWhenTheFileWasKeptDoesNotMakeItReady() throws Exception {
        java.util.concurrent.CountDownLatch inSync = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        DirectorySync slow = new DirectorySync(() -> {
            inSync.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
        });
        SpareFiles spares = new SpareFiles(dir, 4, slow);
        Thread running = Thread.ofVirtual().start(() -> {
            try {
                slow.sync();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        inSync.await();
        spares.keep(file("A.msg", "mail")); // while a sync that started before runs
        release.countDown();
        running.join();
        assertThat(spares.take(dir.resolve("B.part"))).isFalse();
        slow.sync(); // returns at once: the latch is open
        assertThat(spares.take(dir.resolve("B.part"))).isTrue();
    }

    @Test
    void aMissingFileIsNoError() throws Exception {
        SpareFiles spares = new SpareFiles(dir, 2, syncs);
        spares.keep(dir.resolve("GONE.msg"));
        assertThat(spares.size()).isZero();
        assertThat(names()).isEmpty();
    }

    @Test
    void aSpareRemovedBehindItsBackIsPassedOver() throws Exception {
        SpareFiles spares = new SpareFiles(dir, 4, syncs);
        spares.keep(file("A.msg", "mail"));
        spares.keep(file("B.msg", "mail"));
        String oldest = names().getFirst();
        Files.delete(dir.resolve(oldest)); // oldest first: the one take tries first
        syncs.sync();
        assertThat(spares.take(dir.resolve("C.part"))).isTrue();
        assertThat(names()).containsExactly("C.part");
    }
}
