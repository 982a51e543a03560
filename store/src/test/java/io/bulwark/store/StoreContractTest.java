package io.bulwark.store;

import static io.bulwark.store.TestEvents.domain;
import static io.bulwark.store.TestEvents.domainWithId;
import static io.bulwark.store.TestEvents.plain;
import static io.bulwark.store.TestEvents.plainWithId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every store must have, embedded or real MongoDB. Subclasses say where the store is.
 */
abstract class StoreContractTest {

    protected StoreHarness store;

    /** A fresh, empty store whose engine reads without holding back holes (gapHold 0). */
    protected abstract StoreHarness openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private List<TrackedEventMessage<?>> readAll() {
        return store.engine.readEvents((TrackingToken) null, false).collect(Collectors.toList());
    }

    private long countById(String eventId) {
        return store.database.getCollection("domain_events").countDocuments(Filters.eq("eventIdentifier", eventId));
    }

    @Test
    void eventsAppendedThroughTheEngineAreTrackedInGlobalOrderWithTheirPayloads() {
        store.engine.appendEvents(domain("rule-1", 0, "first"), plain("m-1", 1), domain("rule-1", 1, "second"));

        List<TrackedEventMessage<?>> events = readAll();

        assertThat(events).extracting(e -> e.trackingToken().position().getAsLong()).containsExactly(1L, 2L, 3L);
        assertThat(events.get(0)).isInstanceOf(DomainEventMessage.class);
        assertThat(events.get(0).getPayload()).isEqualTo(new TestEvents.RuleRenamed("rule-1", "first"));
        assertThat(events.get(1).getPayload()).isEqualTo(TestEvents.accepted("m-1", 1));
        assertThat(events.get(1).getMetaData()).containsEntry("node", "test");
        assertThat(events.get(2).trackingToken()).isEqualTo(GapAwareTrackingToken.newInstance(3, List.of()));
    }

    @Test
    void appendingAnEventWhoseIdentifierIsStoredIsASuccessThatStoresNothing() throws Exception {
        EventMessage<?> event = plainWithId("evt-dup", 7);
        DomainEventMessage<?> domainEvent = domainWithId("evt-dom", "rule-9", 0, "x");
        store.engine.appendEvents(event, domainEvent);

        store.engine.appendEvents(event, domainEvent);
        store.appender.append(List.of(event, domainEvent)).get(10, TimeUnit.SECONDS);

        assertThat(countById("evt-dup")).isEqualTo(1);
        assertThat(countById("evt-dom")).isEqualTo(1);
        assertThat(readAll()).extracting(EventMessage::getIdentifier).containsExactly("evt-dup", "evt-dom");
    }

    @Test
    void reAppendingStoredEventsTakesNoGlobalIndexSoReadersSeeNoGap() throws Exception {
        List<EventMessage<?>> first = List.of(plainWithId("r-1", 1), plainWithId("r-2", 2), plainWithId("r-3", 3));
        store.appender.append(first).get(10, TimeUnit.SECONDS);

        // What the gateway does after a crash or before deleting a spool entry: the same events again,
        // through both write paths, then one new event.
        store.appender.append(first).get(10, TimeUnit.SECONDS);
        store.engine.appendEvents(first.toArray(EventMessage<?>[]::new));
        store.appender.append(List.of(plainWithId("r-4", 4))).get(10, TimeUnit.SECONDS);

        List<TrackedEventMessage<?>> events = readAll();
        assertThat(events).extracting(EventMessage::getIdentifier).containsExactly("r-1", "r-2", "r-3", "r-4");
        assertThat(events).extracting(e -> e.trackingToken().position().getAsLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.getLast().trackingToken()).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of()));
    }

    @Test
    void anotherEventAtATakenSequenceNumberIsAConcurrencyFailure() {
        store.engine.appendEvents(domainWithId("a0", "rule-2", 0, "a"), domainWithId("a1", "rule-2", 1, "b"));

        assertThatThrownBy(() -> store.engine.appendEvents(domainWithId("b0", "rule-2", 0, "other")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> store.engine.appendEvents(
                domainWithId("b1", "rule-2", 1, "other"), domainWithId("b2", "rule-2", 2, "after")))
                .isInstanceOf(ConcurrencyException.class);

        // The refused unit of work's later event was not stored: the stream stays consistent.
        assertThat(store.engine.lastSequenceNumberFor("rule-2")).contains(1L);
        assertThat(countById("b2")).isZero();
    }

    @Test
    void theAppenderFailsOnlyTheCallerWhoseEventConflicts() throws Exception {
        store.engine.appendEvents(domainWithId("c0", "rule-3", 0, "a"));

        CompletableFuture<Void> conflicting = store.appender.append(List.of(domainWithId("d0", "rule-3", 0, "b")));
        CompletableFuture<Void> fine = store.appender.append(List.of(plain("m-2", 2), domain("rule-3", 1, "c")));

        fine.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> conflicting.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AggregateStreamCreationException.class);
        assertThat(store.engine.lastSequenceNumberFor("rule-3")).contains(1L);
        assertThat(store.appender.stats().failedEvents()).isEqualTo(1);
    }

    @Test
    void anAggregateIsReadInBatchesFromItsLatestSnapshot() {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int seq = 0; seq < 250; seq++) {
            events.add(domain("rule-4", seq, "v" + seq));
        }
        store.engine.appendEvents(events);
        store.engine.appendEvents(domain("rule-5", 0, "other aggregate"));

        assertThat(store.engine.readEvents("rule-4").asStream())
                .extracting(DomainEventMessage::getSequenceNumber)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 250).boxed().toList());
        assertThat(store.engine.lastSequenceNumberFor("rule-4")).contains(249L);
        assertThat(store.engine.lastSequenceNumberFor("unknown")).isEmpty();

        store.engine.storeSnapshot(new GenericDomainEventMessage<>("Rule", "rule-4", 120,
                new TestEvents.RuleState("rule-4", "v120", 120)));
        store.engine.storeSnapshot(new GenericDomainEventMessage<>("Rule", "rule-4", 50,
                new TestEvents.RuleState("rule-4", "v50", 50)));

        Optional<DomainEventMessage<?>> snapshot = store.engine.readSnapshot("rule-4");
        assertThat(snapshot).isPresent();
        assertThat(snapshot.get().getSequenceNumber()).isEqualTo(120);
        assertThat(snapshot.get().getPayload()).isEqualTo(new TestEvents.RuleState("rule-4", "v120", 120));
        List<? extends DomainEventMessage<?>> fromSnapshot = store.eventStore.readEvents("rule-4").asStream().toList();
        assertThat(fromSnapshot.get(0).getPayload()).isInstanceOf(TestEvents.RuleState.class);
        assertThat(fromSnapshot).hasSize(1 + 129);
        assertThat(fromSnapshot.get(fromSnapshot.size() - 1).getSequenceNumber()).isEqualTo(249);
        assertThat(store.engine.lastSequenceNumberFor("rule-4")).contains(249L);
    }

    @Test
    void theEventLogPagesThroughEveryEventInGlobalOrderWithPayloadJson() throws Exception {
        for (int i = 0; i < 57; i++) {
            store.engine.appendEvents(i % 3 == 0 ? domain("rule-6", i / 3, "n" + i) : plain("m-" + i, i));
        }
        EventLog log = store.eventLog();

        List<EventLog.StoredEvent> all = new ArrayList<>();
        long after = -1;
        List<EventLog.StoredEvent> page;
        while (!(page = log.readAfter(after, 10)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(10);
            all.addAll(page);
            after = page.get(page.size() - 1).globalIndex();
        }

        assertThat(all).extracting(EventLog.StoredEvent::globalIndex)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 57).boxed().toList());
        EventLog.StoredEvent first = all.get(0);
        assertThat(first.aggregateId()).isEqualTo("rule-6");
        assertThat(first.sequence()).isEqualTo(0L);
        assertThat(first.type()).isEqualTo(TestEvents.RuleRenamed.class.getName());
        assertThat(first.revision()).isEqualTo("2");
        EventLog.StoredEvent second = all.get(1);
        assertThat(second.aggregateId()).isNull();
        assertThat(second.sequence()).isNull();
        assertThat(second.revision()).isEqualTo("1");
        JsonNode payload = new ObjectMapper().readTree(second.payloadJson());
        assertThat(payload.get("messageId").asText()).isEqualTo("m-1");
        assertThat(payload.get("receivedAt").asText()).isEqualTo("2025-03-01T10:15:30.123456789Z");
        assertThat(payload.get("perDomain").get("example.com").asInt()).isEqualTo(1);
        assertThat(payload.get("score").decimalValue()).isEqualByComparingTo("4.10");
        assertThat(java.time.Instant.parse(second.timestamp())).isNotNull();
        assertThat(new ObjectMapper().readTree(second.metaDataJson()).get("node").asText()).isEqualTo("test");
        assertThat(log.readAfter(57, 10)).isEmpty();
        assertThat(log.readAfter(50, 3)).extracting(EventLog.StoredEvent::globalIndex).containsExactly(51L, 52L, 53L);
    }

    @Test
    void payloadsAndMetadataAreStoredAsJsonTextByDefault() {
        store.engine.appendEvents(plainWithId("evt-text", 4));

        Document stored = store.database.getCollection("domain_events").find(Filters.eq("eventIdentifier", "evt-text")).first();
        assertThat(stored).doesNotContainKeys("payload", "metaData");
        assertThat(stored.getString("payloadJson")).contains("\"messageId\":\"msg-4\"");
        assertThat(stored.getString("metaDataJson")).startsWith("{");
        assertThat(readAll().get(0).getPayload()).isEqualTo(TestEvents.accepted("msg-4", 4));
    }

    /**
     * {@code bulwark.store.payload-format=document}: payload fields can be queried in MongoDB, except
     * where MongoDB cannot hold the names; a node writing text reads those events, and the other way
     * round, in one global order (a store written by both, or before and after a change of the setting).
     */
    @Test
    void inTheDocumentFormPayloadsAreQueryableAndBothFormsAreReadInOneOrder() {
        Map<String, Integer> odd = new HashMap<>();
        odd.put("$where", 1);
        odd.put("plain", 2);
        MongoEventStorageEngine documentNode = MongoEventStorageEngine.builder()
                .database(store.database)
                .durabilityBarrier(store.connection.durabilityBarrier())
                .gapHold(Duration.ZERO)
                .payloadFormat(PayloadFormat.DOCUMENT)
                .build();
        try {
            documentNode.appendEvents(plainWithId("evt-doc", 3), GenericEventMessage.asEventMessage(odd));
            store.engine.appendEvents(plainWithId("evt-text", 5));

            Document stored = store.database.getCollection("domain_events").find(Filters.eq("eventIdentifier", "evt-doc")).first();
            assertThat(stored.get("payload", Document.class).getString("messageId")).isEqualTo("msg-3");
            assertThat(stored.get("payload", Document.class).get("perDomain", Document.class).getInteger("example.com"))
                    .isEqualTo(3);
            // Auditors can query payload fields directly.
            assertThat(store.database.getCollection("domain_events").countDocuments(Filters.eq("payload.messageId", "msg-3")))
                    .isEqualTo(1);

            for (MongoEventStorageEngine reader : List.of(store.engine, documentNode)) {
                List<TrackedEventMessage<?>> events = reader.readEvents((TrackingToken) null, false)
                        .collect(Collectors.toList());
                assertThat(events.stream().map(e -> (Object) e.getPayload()).toList())
                        .containsExactly(TestEvents.accepted("msg-3", 3), odd, TestEvents.accepted("msg-5", 5));
            }
            assertThat(store.eventLog().readAfter(1, 1).get(0).payloadJson()).contains("\"$where\":1");
            assertThat(store.eventLog().readAfter(1, 2).get(1).payloadJson()).contains("\"messageId\":\"msg-5\"");
        } finally {
            documentNode.close();
        }
    }

    @Test
    void theMongoTokenStoreClaimsStoresAndReleasesTokens() {
        var tokenStore = store.tokenStore;
        tokenStore.initializeTokenSegments("projection", 2, null);
        assertThat(tokenStore.fetchSegments("projection")).containsExactly(0, 1);

        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(42, List.of(40L, 41L));
        tokenStore.storeToken(token, "projection", 0);
        assertThat(tokenStore.fetchToken("projection", 0)).isEqualTo(token);
        tokenStore.extendClaim("projection", 0);
        tokenStore.releaseClaim("projection", 0);
        tokenStore.initializeTokenSegments("other", 1, new GlobalSequenceTrackingToken(3));
        assertThat(tokenStore.fetchToken("other", 0)).isEqualTo(new GlobalSequenceTrackingToken(3));

        var otherNode = org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore.builder()
                .mongoTemplate(org.axonframework.extensions.mongo.DefaultMongoTemplate.builder()
                        .mongoDatabase(store.database).build())
                .serializer(io.bulwark.store.serialization.StoreSerializers.jacksonSerializer())
                .nodeId("other-node").claimTimeout(Duration.ofMinutes(5)).build();
        assertThat(tokenStore.fetchToken("projection", 1)).isNull();
        assertThatThrownBy(() -> otherNode.fetchToken("projection", 1)).isInstanceOf(UnableToClaimTokenException.class);
    }
}
