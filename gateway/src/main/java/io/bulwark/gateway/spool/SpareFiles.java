package io.bulwark.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emptied files of finished messages, kept in the spool directory as {@code <tag>-<n>.spare} to
 * hold the next messages received, so that the spool renames a file where it would create one and
 * delete another (issue 19, docs/gateway.md "Spare files").
 *
 * <p>Why: on ext4 without a journal the kernel does not hand out an inode freed in the last 30
 * seconds, so that a crash cannot leave a directory entry of a deleted file pointing at a reused
 * one; it finds a free inode by reading, one by one, every inode freed in that time in the
 * directory's group. At a few hundred messages a second that is thousands of reads for every file
 * created: 3 % of the appliance's CPU in the issue-19 profile, more than the spool's fsyncs. A
 * rename needs no new inode. The spool then takes the kernel's safeguard over itself: a file kept
 * here may have been a committed message, so {@link Spool#recover()} sets aside a {@code .msg} whose
 * footer or queue id does not check out, which is what a stale entry of a reused file looks like
 * after a power failure. Only message files ({@code .msg}, {@code .part}) come here; variant files
 * are deleted as before, since a stale variant name next to its intact message would pass every
 * check.
 *
 * <p>A spare is emptied (truncated) when it is kept, so a finished message's bytes do not stay on
 * disk any longer than a deleted file's. At most {@code limit} are kept; the rest are deleted. They
 * are not carried over a restart: recovery deletes them.
 */
final class SpareFiles {
    static final String SUFFIX = ".spare";

    private final Path directory;
    private final int limit;
    /** Names spares of this run apart from any an earlier run left (recovery removes those). */
    private final String tag = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong names = new AtomicLong();
    private final ConcurrentLinkedDeque<Path> kept = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    SpareFiles(Path directory, int limit) {
        this.directory = directory;
        this.limit = limit;
    }

    static boolean isSpare(String fileName) {
        return fileName.endsWith(SUFFIX);
    }

    /** How many spares are kept. */
    int size() {
        return count.get();
    }

    /**
     * Renames a kept spare to {@code target}, empty, and returns true; false when none is kept (the
     * caller creates the file). {@code target} must be a new name (a new queue id's): the rename
     * would replace a file of that name. (A check first cost more than the rename in the issue-19
     * profile: Java reports the absent file of its look-up by a native exception.)
     */
    boolean take(Path target) throws IOException {
        Path spare;
        while ((spare = kept.pollFirst()) != null) {
            count.decrementAndGet();
            try {
                Files.move(spare, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (NoSuchFileException e) {
                // removed behind our back (by hand): try the next one
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
            Files.deleteIfExists(spare);
            throw e;
        }
        put(spare);
    }

    private void put(Path spare) {
        kept.addFirst(spare); // the most recently used file first: its metadata is in the cache
        count.incrementAndGet();
    }

    /** Forgets every kept spare (recovery deletes the files). */
    void clear() {
        kept.clear();
        count.set(0);
    }
}
