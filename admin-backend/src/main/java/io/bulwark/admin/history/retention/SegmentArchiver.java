package io.bulwark.admin.history.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.bulwark.admin.history.ChainCodec;
import io.bulwark.admin.history.Checkpoint;
import io.bulwark.admin.history.HistoryExport;
import io.bulwark.admin.history.HistoryStore;
import io.bulwark.admin.history.HistoryStore.ArchivedSegment;
import io.bulwark.admin.history.offline.VerifyHistoryExport;
import io.bulwark.events.history.ArchiveHistorySegmentCommand;
import io.bulwark.store.EventLog;
import io.bulwark.store.EventLog.StoredEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;

/**
 * Archives sealed segments of the history whose events are past retention (ADR 0024, ADR 0029).
 * A segment is the indexes after the archive's end up to the next signed checkpoint; segments are
 * archived strictly in order. One segment, step by step:
 *
 * <ol>
 *   <li>due when every event of a class with a retention is past it and every other event is older
 *       than the shortest retention (so a segment of configuration events waits like the others);</li>
 *   <li>written with {@link HistoryExport} (the export format) to
 *       {@code bulwark-history-<first>-<last>-<checkpoint hash>.jsonl.gz} in the archive directory
 *       (a temporary file, forced to disk, then renamed);</li>
 *   <li>read back and verified with the offline verifier: nothing leaves the hot store unless the
 *       file verifies intact and holds every index of the segment;</li>
 *   <li>recorded through {@link ArchiveHistorySegmentCommand} (the {@code HistoryArchive} aggregate
 *       accepts segments only in order: the lock between admin nodes) as a chained
 *       {@code HistorySegmentArchivedEvent} with the file's SHA-256;</li>
 *   <li>listed in {@code history_archives} (where the verifier learns where the hot part starts);</li>
 *   <li>then the events of archivable classes are deleted from {@code domain_events} by the event ids
 *       read from the file, never by a range. Events of kept classes (configuration, accounts, keys,
 *       history) stay where they are: aggregates are sourced from them and time travel replays them.
 *       An event whose payload the export masked stays too (the file lacks its exact text).</li>
 * </ol>
 *
 * <p>A crash after the file but before the record leaves a file and nothing else (the next run writes
 * it again, byte for byte: gzip without a time stamp); after the record but before the deletion, the
 * next run finds the segment recorded and finishes it (the aggregate accepts the same segment and file
 * hash again without a second event). Thread-safe (one run at a time).
 */
public final class SegmentArchiver {
    /** Segments archived per run at most, so a backlog is worked off in bounded steps. */
    static final int MAX_SEGMENTS_PER_RUN = 50;
    private static final int WINDOW = 1000;
    private static final int DELETE_BATCH = 1000;

    private final EventLog eventLog;
    private final HistoryStore store;
    private final HistoryExport export;
    private final MongoCollection<Document> events;
    private final RetentionPolicy policy;
    private final Path directory;
    private final Clock clock;
    private final Consumer<ArchiveHistorySegmentCommand> recorder;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param events   the store's {@code domain_events} collection (removal by event id)
     * @param recorder sends the command to the {@code HistoryArchive} aggregate and returns once the
     *                 event is stored; throws when another node recorded a different segment first
     */
    public SegmentArchiver(EventLog eventLog, HistoryStore store, HistoryExport export,
            MongoCollection<Document> events, RetentionPolicy policy, Path directory, Clock clock,
            Consumer<ArchiveHistorySegmentCommand> recorder) {
        this.eventLog = eventLog;
        this.store = store;
        this.export = export;
        this.events = events;
        this.policy = policy;
        this.directory = directory;
        this.clock = clock;
        this.recorder = recorder;
    }

    /** Where archive files are written. */
    public Path directory() {
        return directory;
    }

    /** Archives every due segment (up to {@value #MAX_SEGMENTS_PER_RUN}); returns what was archived. */
    public synchronized List<ArchivedSegment> archiveDue(String actor) {
        List<ArchivedSegment> archived = new ArrayList<>();
        while (archived.size() < MAX_SEGMENTS_PER_RUN) {
            Optional<ArchivedSegment> next = archiveNext(actor);
            if (next.isEmpty()) {
                break;
            }
            archived.add(next.get());
        }
        return archived;
    }

    /** The next segment (after the archive's end, up to the next checkpoint), if there is one. */
    public Optional<Checkpoint> nextSegmentEnd() {
        return store.checkpointAfter(store.archivedUpTo());
    }

    /** Whether the segment ending at this checkpoint is due at {@code now}. */
    boolean due(long first, long last, Instant now) {
        Optional<Duration> shortest = policy.all().values().stream().flatMap(Optional::stream).min(Duration::compareTo);
        if (shortest.isEmpty()) {
            return false; // every class is kept
        }
        long cursor = first - 1;
        while (cursor < last) {
            List<StoredEvent> page = eventLog.readAfter(cursor, WINDOW);
            if (page.isEmpty()) {
                return true;
            }
            for (StoredEvent event : page) {
                if (event.globalIndex() > last) {
                    return true;
                }
                Instant at = Instant.parse(event.timestamp());
                Duration retention = policy.retention(RetentionPolicy.classOf(event.type())).orElse(shortest.get());
                if (at.plus(retention).isAfter(now)) {
                    return false;
                }
                cursor = event.globalIndex();
            }
        }
        return true;
    }

    private Optional<ArchivedSegment> archiveNext(String actor) {
        long first = store.archivedUpTo() + 1;
        Optional<Checkpoint> end = store.checkpointAfter(first - 1);
        if (end.isEmpty()) {
            return Optional.empty();
        }
        long last = end.get().index();
        Instant now = clock.instant();
        if (!due(first, last, now)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(directory);
            String name = "bulwark-history-" + first + "-" + last + "-" + end.get().hash() + ".jsonl.gz";
            Path file = directory.resolve(name);
            write(first, last, file);
            FileContent content = read(file, first, last);
            recorder.accept(new ArchiveHistorySegmentCommand(first, last, end.get().hash(), name, content.sha256(),
                    content.events(), content.removable().size(), actor));
            ArchivedSegment segment = new ArchivedSegment(first, last, end.get().hash(), name, content.sha256(),
                    content.events(), content.removable().size(), now);
            store.recordArchive(segment);
            for (int i = 0; i < content.removable().size(); i += DELETE_BATCH) {
                events.deleteMany(Filters.in("eventIdentifier",
                        content.removable().subList(i, Math.min(content.removable().size(), i + DELETE_BATCH))));
            }
            return Optional.of(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive history segment " + first + ".." + last, e);
        }
    }

    private void write(long first, long last, Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary), 65536)) {
            export.write(first, last, out);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What the written file holds, after the offline verifier found it intact. */
    private record FileContent(String sha256, long events, List<String> removable) {
    }

    private FileContent read(Path file, long first, long last) throws IOException {
        ObjectNode verified = VerifyHistoryExport.verify(file, null);
        if (!verified.path("intact").asBoolean() || verified.path("from").asLong() != first
                || verified.path("to").asLong() != last) {
            throw new IOException("archive file " + file.getFileName() + " does not verify: " + verified);
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long count = 0;
        List<String> removable = new ArrayList<>();
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha256);
                BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                if (!"event".equals(node.path("kind").asText())) {
                    continue;
                }
                count++;
                if (node.hasNonNull("payloadJson") && policy.removable(node.path("type").asText())) {
                    removable.add(node.path("eventId").asText());
                }
            }
            raw.transferTo(OutputStream.nullOutputStream());
        }
        return new FileContent(ChainCodec.hex(sha256.digest()), count, removable);
    }
}
