package io.bulwark.admin.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bulwark.events.history.ProjectionRebuildRequestedEvent;
import io.bulwark.events.history.SealingKeyActivatedEvent;
import io.bulwark.store.EventLog;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.PayloadFormat;
import io.bulwark.store.StoreConnection;
import io.bulwark.store.secrets.MasterKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;

/**
 * The history over a real embedded store (mongo-java-server on an H2 file, through its Unix socket),
 * built the way the Spring configuration builds it, with a clock the test moves: the fixture of the
 * tamper-evidence tests, which edit and delete stored events by hand.
 */
public final class EmbeddedHistory implements AutoCloseable {
    public final StoreConnection connection;
    public final MongoDatabase database;
    public final MongoEventStorageEngine engine;
    public final EventLog eventLog;
    public final HistoryStore store;
    public final SealingKeys keys;
    public final TestClock clock = new TestClock();
    public final Sealer sealer;
    public final ChainVerifier verifier;
    public final HistoryExport export;
    private int appended;

    /** Personal-data keys when built with encryption on, else null. */
    public final io.bulwark.store.privacy.SubjectKeys subjectKeys;

    public EmbeddedHistory(Path dir, long checkpointEvents) throws IOException {
        this(dir, checkpointEvents, false);
    }

    /** With {@code personalData}, the engine stores {@code @PersonalData} encrypted per subject (ADR 0029). */
    public EmbeddedHistory(Path dir, long checkpointEvents, boolean personalData) throws IOException {
        this(dir, checkpointEvents, personalData, PayloadFormat.TEXT);
    }

    /** With the engine writing payloads in {@code format} (ADR 0048). */
    public EmbeddedHistory(Path dir, long checkpointEvents, boolean personalData, PayloadFormat format)
            throws IOException {
        connection = StoreConnection.embedded(dir.resolve("store/bulwark.mv"), false);
        database = connection.client().getDatabase("bulwark");
        MasterKey masterKey = MasterKey.loadOrCreate(dir.resolve("tls/master.key"));
        subjectKeys = personalData ? new io.bulwark.store.privacy.SubjectKeys(database, masterKey) : null;
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder().database(database)
                .durabilityBarrier(connection.durabilityBarrier()).payloadFormat(format);
        if (personalData) {
            builder.eventSerializer(io.bulwark.store.serialization.StoreSerializers.jacksonSerializer(
                    new io.bulwark.store.privacy.SubjectSealing(subjectKeys)));
        }
        engine = builder.build();
        eventLog = engine.eventLog();
        store = new HistoryStore(database);
        keys = new SealingKeys(database, masterKey);
        sealer = new Sealer(eventLog, store, keys, clock, 50, Duration.ofSeconds(60), checkpointEvents,
                Duration.ofSeconds(60));
        verifier = new ChainVerifier(eventLog, store, keys);
        export = new HistoryExport(eventLog, store, keys, new ObjectMapper().registerModule(new JavaTimeModule()));
    }

    /** Makes a key and records it as an event, as the command handler does. */
    public SealingKeys.PublicKeyInfo rotateKey(String actor) {
        SealingKeys.PublicKeyInfo key = keys.generate(clock.instant());
        appendNow(new SealingKeyActivatedEvent(key.keyId(), SealingKeys.ALGORITHM, key.publicKey(),
                key.previousKeyId(), actor, "test", key.activatedAt()));
        return key;
    }

    /** Appends {@code n} audited events (one per call to the engine, as commands do). */
    public void append(int n) {
        for (int i = 0; i < n; i++) {
            appended++;
            engine.appendEvents(GenericEventMessage.asEventMessage(new ProjectionRebuildRequestedEvent("r-" + appended,
                    "message-tracking", "alice", clock.instant())).andMetaData(MetaData.with("node", "n1")));
        }
    }

    public MongoCollection<Document> events() {
        return database.getCollection("domain_events");
    }

    /**
     * Edits one top-level field of a stored event's payload ({@code "payload"}) or metadata
     * ({@code "metaData"}) by hand, as someone with write access to the store would: in the JSON
     * text the event was stored in ({@code payloadJson}, the default form), else in its document.
     */
    public void edit(long globalIndex, String part, String field, String value) {
        Document stored = events().find(Filters.eq("_id", globalIndex)).first();
        String textField = part + "Json";
        if (!stored.containsKey(textField)) {
            if (value.equals(stored.get(part, Document.class).get(field))) {
                throw new IllegalArgumentException(field + " is " + value + " already: not an edit");
            }
            events().updateOne(Filters.eq("_id", globalIndex), Updates.set(part + "." + field, value));
            return;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            ObjectNode tree = (ObjectNode) json.readTree(stored.getString(textField));
            if (value.equals(tree.path(field).asText(null))) {
                throw new IllegalArgumentException(field + " is " + value + " already: not an edit");
            }
            tree.put(field, value);
            events().updateOne(Filters.eq("_id", globalIndex), Updates.set(textField, json.writeValueAsString(tree)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String exportText(long from, Long to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            export.write(from, to, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    Path exportFile(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), exportText(1, null));
    }

    /** Appends one event outside an aggregate, stamped with the test clock. */
    public void appendNow(Object payload) {
        engine.appendEvents(new GenericEventMessage<>(java.util.UUID.randomUUID().toString(), payload, MetaData.emptyInstance(),
                clock.instant()));
    }

    /** Appends one event of an aggregate's stream, stamped with the test clock. */
    public void appendDomain(String type, String aggregateId, long sequence, Object payload) {
        engine.appendEvents(new org.axonframework.eventhandling.GenericDomainEventMessage<>(type, aggregateId, sequence,
                payload, MetaData.emptyInstance(), java.util.UUID.randomUUID().toString(), clock.instant()));
    }

    @Override
    public void close() {
        engine.close();
        connection.close();
    }

    /** A clock the test moves forward. */
    public static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T10:00:00Z"));

        public void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
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
