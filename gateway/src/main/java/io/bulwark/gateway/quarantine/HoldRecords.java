package io.bulwark.gateway.quarantine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bulwark.gateway.queue.QueueControlState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Anti-Spam Quarantine's durable state on the node's own disk, beside the spool it belongs
 * to: one JSON file {@code <queueId>.json} per held message under
 * {@code <data-dir>/spam-quarantine/}. Kept apart from the spool's metadata (as queue control's
 * hold markers are) so the spool format does not change for a feature few messages use. Each write
 * is fsynced and renamed atomically, then the directory is fsynced, so a crash (kill -9, power
 * loss) leaves the old or the new record, never a torn one. A record whose message has left the
 * spool is dropped at start.
 *
 * <p>Thread-safe for distinct queue ids.
 */
final class HoldRecords {
    private static final Logger log = LoggerFactory.getLogger(HoldRecords.class);
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    HoldRecords(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
    }

    /** Writes (or replaces) a record; durable on return. */
    void write(HoldRecord record) throws IOException {
        Path target = file(record.queueId());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, json.writeValueAsBytes(record));
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the Anti-Spam Quarantine needs a file system with atomic rename: " + directory, e);
        }
        sync();
    }

    /** Removes a record (idempotent); durable on return. */
    void delete(String queueId) throws IOException {
        if (Files.deleteIfExists(file(queueId))) {
            sync();
        }
    }

    /** Every record; temp files of an interrupted write are removed, unreadable records logged and skipped. */
    List<HoldRecord> readAll() throws IOException {
        List<HoldRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    try {
                        records.add(json.readValue(Files.readAllBytes(file), HoldRecord.class));
                    } catch (IOException e) {
                        log.error("unreadable Anti-Spam Quarantine record {}; its message is delivered as decided", name, e);
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
        return records;
    }

    private Path file(String queueId) {
        if (queueId == null || !QueueControlState.QUEUE_ID.matcher(queueId).matches()) {
            throw new IllegalArgumentException("not a queue id: " + queueId);
        }
        return directory.resolve(queueId + SUFFIX);
    }

    private void sync() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (UnsupportedOperationException | IOException e) {
            // Windows cannot open a directory; NTFS journals the rename itself (as in the spool).
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
