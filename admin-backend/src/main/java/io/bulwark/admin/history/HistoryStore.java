package io.bulwark.admin.history;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Where the chain lives, beside the events in the same database:
 *
 * <pre>
 * history_chain       { _id: globalIndex, h: "hex link", g: true (only for a gap) }
 * history_checkpoints { _id: globalIndex, hash, time: Date, keyId, signature (base64) }
 * history_head        { _id: "head", index, hash, checkpoint: index of the latest checkpoint }
 * history_archives    { _id: firstIndex, last, checkpointHash, file, sha256, events, removed, at: Date }
 * </pre>
 *
 * <p>Every read is an equality or {@code $in} on {@code _id}, constant time on the embedded store.
 * The chain documents are the truth and written before the head; a head behind the chain (a crash
 * between the two) is caught up by {@link #probeForward}. A second sealer (another admin node)
 * inserting the same index gets a duplicate key: {@link #append} then returns {@code false} and
 * the caller reloads. Thread-safe.
 */
public final class HistoryStore {
    public static final String CHAIN = "history_chain";
    public static final String CHECKPOINTS = "history_checkpoints";
    public static final String HEAD = "history_head";
    public static final String ARCHIVES = "history_archives";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> chain;
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> head;
    private final MongoCollection<Document> archives;

    public HistoryStore(MongoDatabase database) {
        this.chain = database.getCollection(CHAIN);
        this.checkpoints = database.getCollection(CHECKPOINTS);
        this.head = database.getCollection(HEAD);
        this.archives = database.getCollection(ARCHIVES);
    }

    /**
     * A sealed segment written to an archive file (ADR 0029): indexes {@code first..last}, closed by
     * the signed checkpoint at {@code last}.
     */
    public record ArchivedSegment(long first, long last, String checkpointHash, String file, String sha256,
            long events, long removed, Instant at) {
    }

    /** Records an archived segment, before its events leave the hot store (idempotent per segment). */
    public void recordArchive(ArchivedSegment segment) {
        archives.replaceOne(Filters.eq("_id", segment.first()), new Document("_id", segment.first())
                .append("last", segment.last()).append("checkpointHash", segment.checkpointHash())
                .append("file", segment.file()).append("sha256", segment.sha256()).append("events", segment.events())
                .append("removed", segment.removed()).append("at", java.util.Date.from(segment.at())),
                new ReplaceOptions().upsert(true));
    }

    /** Every archived segment, oldest first. */
    public List<ArchivedSegment> archivedSegments() {
        List<ArchivedSegment> result = new ArrayList<>();
        for (Document d : archives.find().sort(com.mongodb.client.model.Sorts.ascending("_id"))) {
            result.add(new ArchivedSegment(((Number) d.get("_id")).longValue(), ((Number) d.get("last")).longValue(),
                    d.getString("checkpointHash"), d.getString("file"), d.getString("sha256"),
                    ((Number) d.get("events")).longValue(), ((Number) d.get("removed")).longValue(),
                    d.getDate("at").toInstant()));
        }
        return result;
    }

    /** The last index of the archived part of the history, 0 when nothing was archived. */
    public long archivedUpTo() {
        Document d = archives.find().sort(com.mongodb.client.model.Sorts.descending("_id")).limit(1).first();
        return d == null ? 0 : ((Number) d.get("last")).longValue();
    }

    /** The first signed checkpoint above {@code index}, if any. */
    public Optional<Checkpoint> checkpointAfter(long index) {
        return Optional.ofNullable(checkpoints.find(Filters.gt("_id", index))
                .sort(com.mongodb.client.model.Sorts.ascending("_id")).limit(1).first()).map(HistoryStore::checkpoint);
    }

    /** One sealed position: the link and whether the index held no event. */
    public record Link(long index, String hash, boolean gap) {
    }

    /** The sealed end of the chain. */
    public record Head(long index, String hash, long checkpoint) {
        static final Head GENESIS = new Head(0, ChainCodec.hex(ChainCodec.GENESIS), 0);
    }

    public Head head() {
        Document d = head.find(Filters.eq("_id", "head")).first();
        Head stored = d == null ? Head.GENESIS
                : new Head(d.getLong("index"), d.getString("hash"), d.get("checkpoint", 0L));
        return probeForward(stored);
    }

    /** Follows chain documents written after the head (a crash between chain and head writes). */
    private Head probeForward(Head from) {
        Head current = from;
        while (true) {
            Map<Long, Link> next = links(current.index() + 1, current.index() + 100);
            Link link = next.get(current.index() + 1);
            if (link == null) {
                return current;
            }
            long i = current.index() + 1;
            while (next.containsKey(i + 1)) {
                i++;
            }
            current = new Head(i, next.get(i).hash(), current.checkpoint());
        }
    }

    /**
     * Stores links (consecutive, after the head) and moves the head.
     *
     * @return false when another sealer stored one of these indexes first
     */
    public boolean append(List<Link> links, Head newHead) {
        if (!links.isEmpty()) {
            List<Document> documents = new ArrayList<>(links.size());
            for (Link link : links) {
                Document d = new Document("_id", link.index()).append("h", link.hash());
                if (link.gap()) {
                    d.append("g", true);
                }
                documents.add(d);
            }
            try {
                chain.insertMany(documents);
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().stream().anyMatch(w -> w.getCode() == DUPLICATE_KEY)) {
                    return false;
                }
                throw e;
            }
        }
        writeHead(newHead);
        return true;
    }

    private void writeHead(Head h) {
        head.replaceOne(Filters.eq("_id", "head"), new Document("_id", "head").append("index", h.index())
                .append("hash", h.hash()).append("checkpoint", h.checkpoint()), new ReplaceOptions().upsert(true));
    }

    /** The links of indexes {@code from..to} that exist, by index. */
    public Map<Long, Link> links(long from, long to) {
        Map<Long, Link> result = new HashMap<>();
        for (Document d : chain.find(Filters.in("_id", range(from, to)))) {
            long index = ((Number) d.get("_id")).longValue();
            result.put(index, new Link(index, d.getString("h"), Boolean.TRUE.equals(d.getBoolean("g"))));
        }
        return result;
    }

    /** Stores a checkpoint and records it as the latest. */
    public boolean addCheckpoint(Checkpoint checkpoint, Head head) {
        try {
            checkpoints.insertOne(new Document("_id", checkpoint.index()).append("hash", checkpoint.hash())
                    .append("time", java.util.Date.from(checkpoint.time())).append("nanos", checkpoint.time().getNano())
                    .append("keyId", checkpoint.keyId()).append("signature", checkpoint.signature()));
        } catch (MongoWriteException e) {
            if (e.getCode() == DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        writeHead(new Head(head.index(), head.hash(), checkpoint.index()));
        return true;
    }

    /** The checkpoints at indexes {@code from..to}, by index. */
    public Map<Long, Checkpoint> checkpoints(long from, long to) {
        Map<Long, Checkpoint> result = new HashMap<>();
        for (Document d : checkpoints.find(Filters.in("_id", range(from, to)))) {
            Checkpoint c = checkpoint(d);
            result.put(c.index(), c);
        }
        return result;
    }

    public Optional<Checkpoint> checkpoint(long index) {
        return Optional.ofNullable(checkpoints.find(Filters.eq("_id", index)).first()).map(HistoryStore::checkpoint);
    }

    public Optional<Checkpoint> latestCheckpoint() {
        long index = head().checkpoint();
        return index == 0 ? Optional.empty() : checkpoint(index);
    }

    private static Checkpoint checkpoint(Document d) {
        Instant time = d.getDate("time").toInstant();
        time = time.minusNanos(time.getNano()).plusNanos(d.get("nanos", 0));
        return new Checkpoint(((Number) d.get("_id")).longValue(), d.getString("hash"), time, d.getString("keyId"),
                d.getString("signature"));
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long i = Math.max(1, from); i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
