package io.bulwark.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emptied files of finished messages, kept in the spool directory as {@code <tag>-<n>.spare} to
 * hold the next messages received, so that the spool renames a file where it would create one and
 * delete another (issue 19, docs/gateway.md "Spare files").
 *
 * <p>Why: on ext4 without a journal the kernel does not hand out an inode freed in the last 30
 * seconds, so that a crash cannot leave a directory entry of a deleted file pointing at a reused
 * one; it finds a free inode by reading, one by one, every inode freed in that time in the
 * directory's group. At a few hundred messages a second that is thousands of reads for every file
 * created: 3.2 % of the appliance's CPU outside the compiler in the issue-19 profile, the spool's
 * largest item. A rename needs no new inode.
 *
 * <p>What the kernel's rule guarded against is kept by ours: a spare is handed out only after a
 * directory sync that started after it was renamed has completed ({@link DirectorySync#covers}), so
 * the finished message's name is gone from the disk before its file holds another message, and a
 * power failure cannot leave the old name on new bytes. Under load the commits' syncs follow each
 * other within milliseconds; when none came, the spool creates a file as before. Only the deletion
 * that follows a delivery and the refusal of a message being received bring files here: no other
 * thread reads those files then. An administrator's deletion, which a re-check may be reading,
 * deletes. Variant files are deleted as before.
 *
 * <p>A spare is emptied (truncated) when it is kept, so a finished message's bytes do not stay on
 * disk any longer than a deleted file's. At most {@code limit} are kept; the rest are deleted. They
 * are not carried over a restart: recovery deletes them.
 */
final class SpareFiles {
    static final String SUFFIX = ".spare";
    private static final Logger log = LoggerFactory.getLogger(SpareFiles.class);

    private record Spare(Path file, long ticket) {
    }

    private final Path directory;
    private final int limit;
    private final DirectorySync durable;
    /** Names this instance's spares apart from any other's on the same directory. */
    private final String tag = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private final AtomicLong names = new AtomicLong();
    /** Oldest first: the first to be covered by a directory sync. */
    private final ConcurrentLinkedDeque<Spare> kept = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    SpareFiles(Path directory, int limit, DirectorySync durable) {
        this.directory = directory;
        this.limit = limit;
        this.durable = durable;
    }

    static boolean isSpare(String fileName) {
        return fileName.endsWith(SUFFIX);
    }

    /** How many spares are kept, ready or not. */
    int size() {
        return count.get();
    }

    /**
     * Renames the oldest ready spare (its renaming durable) to {@code target}, empty, and returns
     * true; false when none is ready (the caller creates the file). {@code target} must be a new name
     * (a new queue id's): the rename would replace a file of that name. (A check first cost more than
     * the rename in the issue-19 profile: Java reports the absent file of its look-up by a native
     * exception.)
     */
    boolean take(Path target) {
        Spare spare;
        while ((spare = kept.peekFirst()) != null && durable.covers(spare.ticket())) {
            if (!kept.removeFirstOccurrence(spare)) {
                continue; // another thread took it
            }
            count.decrementAndGet();
            try {
                Files.move(spare.file(), target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (NoSuchFileException e) {
                // removed behind our back (by hand): try the next one
            } catch (IOException e) {
                log.warn("could not reuse spool spare {}; creating files instead", spare.file(), e);
                deleteQuietly(spare.file());
                return false;
            }
        }
        return false;
    }

    /**
     * Takes {@code file} out of the spool under a spare name (one atomic rename: the file is gone
     * under its own name at once, as with a deletion), empties it and keeps it; deletes it when
     * enough are kept. A missing file is no error, as with {@link Files#deleteIfExists}.
     */
    void keep(Path file) throws IOException {
        if (count.get() >= limit) {
            Files.deleteIfExists(file);
            return;
        }
        Path spare = directory.resolve(tag + "-" + names.incrementAndGet() + SUFFIX);
        try {
            Files.move(file, spare, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        try (FileChannel channel = FileChannel.open(spare, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        } catch (IOException e) {
            deleteQuietly(spare); // if this fails too, recovery deletes it at the next start
            throw e;
        }
        kept.addLast(new Spare(spare, durable.ticket()));
        count.incrementAndGet();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete spool spare {}; start-up will", file, e);
        }
    }

    /** Forgets every kept spare (recovery deletes the files). */
    void clear() {
        kept.clear();
        count.set(0);
    }
}
