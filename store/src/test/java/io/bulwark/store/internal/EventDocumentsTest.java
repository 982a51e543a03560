package io.bulwark.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.events.EventRevision;
import io.bulwark.store.AsStoredSerializer;
import io.bulwark.store.PayloadFormat;
import io.bulwark.store.serialization.StoreSerializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serialized payloads are read straight into documents (one pass) instead of through Axon's tree:
 * the stored documents must be exactly what the tree's way stored, type for type (an int stays an
 * Int32, 4.10 a Decimal128 with its scale), and whatever the direct reading cannot decide must go
 * the tree's way.
 */
class EventDocumentsTest {
    private static final ObjectMapper MAPPER = StoreSerializers.objectMapper();
    /** Of the 2,000 random texts, at least this many must be decided directly (979 are). */
    private static final int DECIDED_AT_LEAST = 800;

    @EventRevision("4")
    record Payload(String id, int count, long big, Instant at, BigDecimal score, double ratio, float share,
            BigInteger huge, Map<String, Object> extra, List<Object> items, Nested nested, byte[] bytes,
            String absent) {
    }

    record Nested(String name, List<Nested> children) {
    }

    @Test
    void eventsAreStoredAsTheTreeStoredThem() {
        JacksonSerializer serializer = StoreSerializers.jacksonSerializer();
        // the same serializer as far as Axon is concerned, but not a JacksonSerializer: the tree's way
        // (the wrapper passes through every payload that is not a recorded event)
        Serializer viaTree = new AsStoredSerializer(serializer);
        assertThat(EventDocuments.directMapper(serializer)).as("the store's serializer reads directly").isNotNull();
        assertThat(EventDocuments.directMapper(viaTree)).isNull();
        EventDocuments documents = new EventDocuments(StoreSerializers.objectMapper(), PayloadFormat.DOCUMENT);
        List<EventMessage<?>> events = sampleEvents();
        for (EventMessage<?> event : events) {
            BsonDocument direct = documents.prepare(event, serializer).document();
            BsonDocument treeWay = documents.prepare(event, viaTree).document();
            assertThat(direct).as("%s", event.getPayloadType().getSimpleName()).isEqualTo(treeWay);
        }
        // the direct way was taken where it could be, and the tree's way where it could not
        assertThat(stored(documents, events.get(0), serializer)).containsKey(EventDocuments.PAYLOAD);
        assertThat(stored(documents, events.get(2), serializer))
                .containsKeys(EventDocuments.PAYLOAD_JSON, EventDocuments.META_DATA_JSON);
        assertThat(stored(documents, events.get(4), serializer)).containsKey(EventDocuments.PAYLOAD_JSON);
    }

    /**
     * In the text form every payload and metadata is one string, whichever serializer path made it,
     * and reads back as the same event as the document form, with the same canonical text, which is
     * what the history seals (so a chain does not depend on the form an event was written in), but
     * where the document form had to change a value.
     */
    @Test
    void textIsStoredAsOneStringAndReadsBackAsTheDocumentFormReadsBack() throws Exception {
        JacksonSerializer serializer = StoreSerializers.jacksonSerializer();
        Serializer viaTree = new AsStoredSerializer(serializer);
        EventDocuments text = new EventDocuments(StoreSerializers.objectMapper(), PayloadFormat.TEXT);
        EventDocuments document = new EventDocuments(StoreSerializers.objectMapper(), PayloadFormat.DOCUMENT);
        assertThat(new EventDocuments(StoreSerializers.objectMapper()).prepare(sampleEvents().get(0), serializer)
                .document()).as("text is the default").containsKey(EventDocuments.PAYLOAD_JSON);
        List<EventMessage<?>> events = sampleEvents();
        for (EventMessage<?> event : events) {
            String name = event.getPayloadType().getSimpleName();
            BsonDocument asDocument = stored(document, event, serializer);
            // what the history seals: the serializer's JSON in the store mapper's canonical form
            String canonical = MAPPER.writeValueAsString(MAPPER.readTree(
                    serializer.serialize(event.getPayload(), String.class).getData()));
            // the document form is lossy in one case: a decimal beyond Decimal128's 34 digits is
            // held as a string there (events.get(1)); the text form keeps it a number
            boolean documentFaithful = event != events.get(1);
            for (Serializer way : List.of(serializer, viaTree)) {
                BsonDocument asText = stored(text, event, way);
                assertThat(asText).as(name).doesNotContainKeys(EventDocuments.PAYLOAD, EventDocuments.META_DATA);
                assertThat(asText.get(EventDocuments.PAYLOAD_JSON).isString()).as(name).isTrue();
                assertThat(asText.get(EventDocuments.META_DATA_JSON).isString()).as(name).isTrue();
                StoredEventData fromText = text.read(asText, null);
                StoredEventData fromDocument = text.read(asDocument, null);
                // the trees may differ in node kinds (a big integer read from text is an integer node,
                // from Decimal128 a decimal one); their canonical texts and the objects may not
                assertThat(text.payloadJson(asText)).as(name).isEqualTo(canonical);
                if (documentFaithful) {
                    assertThat(text.payloadJson(asText)).as(name).isEqualTo(document.payloadJson(asDocument));
                }
                assertThat(text.metaDataJson(asText)).as(name).isEqualTo(document.metaDataJson(asDocument));
                Object payload = serializer.deserialize(fromText.getPayload());
                assertThat(payload).as(name).usingRecursiveComparison()
                        .isEqualTo(serializer.deserialize(fromDocument.getPayload()));
                assertThat((Object) serializer.deserialize(fromText.getMetaData())).as(name)
                        .isEqualTo(serializer.deserialize(fromDocument.getMetaData()));
            }
        }
    }

    /**
     * A text event is parsed only when read: what the serializer wrote must read back whatever
     * Jackson's default read limits say (a number of 1,500 digits and a name of 60,000 characters,
     * where the limits are 1,000 and 50,000), or every reader would stop at it for good. The
     * document form parses at write time and refuses such an event there, so nothing unreadable
     * is stored in either form.
     */
    @Test
    void whatTheSerializerWroteReadsBackBeyondJacksonsDefaultReadLimits() {
        JacksonSerializer serializer = StoreSerializers.jacksonSerializer();
        BigInteger huge = BigInteger.TEN.pow(1_499).add(BigInteger.valueOf(7));
        Map<String, Object> extra = Map.of("n".repeat(60_000), "long name");
        EventMessage<?> event = GenericEventMessage.asEventMessage(
                new Payload("p-3", 1, 2, Instant.EPOCH, BigDecimal.ONE, 0, 0, huge, extra, List.of(), null,
                        new byte[0], null));
        EventDocuments text = new EventDocuments(StoreSerializers.objectMapper(), PayloadFormat.TEXT);
        BsonDocument stored = stored(text, event, serializer);
        Payload back = (Payload) serializer.deserialize(text.read(stored, null).getPayload());
        assertThat(back.huge()).isEqualTo(huge);
        assertThat(back.extra()).isEqualTo(extra);
        assertThat(text.payloadJson(stored)).contains(huge.toString());

        EventDocuments document = new EventDocuments(StoreSerializers.objectMapper(), PayloadFormat.DOCUMENT);
        assertThatThrownBy(() -> stored(document, event, serializer))
                .hasRootCauseInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
    }

    /** Decimal128 holds 34 digits: a longer integer is held as text in the document form, not refused. */
    @Test
    void anIntegerBeyondDecimal128IsHeldAsTextInTheDocumentForm() {
        JacksonSerializer serializer = StoreSerializers.jacksonSerializer();
        BigInteger forty = new BigInteger("1234567890123456789012345678901234567891");
        EventMessage<?> event = GenericEventMessage.asEventMessage(new Payload("p-4", 1, 2, Instant.EPOCH,
                BigDecimal.ONE, 0, 0, forty, Map.of(), List.of(), null, new byte[0], null));
        for (PayloadFormat format : PayloadFormat.values()) {
            EventDocuments documents = new EventDocuments(StoreSerializers.objectMapper(), format);
            BsonDocument stored = stored(documents, event, serializer);
            Payload back = (Payload) serializer.deserialize(documents.read(stored, null).getPayload());
            assertThat(back.huge()).as("%s", format).isEqualTo(forty);
        }
    }

    private static List<EventMessage<?>> sampleEvents() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("plain", "Gr\u00fc\u00dfe \uD83D\uDE00 \"quoted\" \\ back");
        extra.put("zero", 0);
        extra.put("negative", -2147483648);
        extra.put("wide", 2147483648L);
        extra.put("decimal", new BigDecimal("1.000"));
        extra.put("exponent", new BigDecimal("1E+3"));
        extra.put("tiny", 1e-300);
        extra.put("flag", true);
        extra.put("nothing", null);
        extra.put("empty", Map.of());
        extra.put("list", List.of());
        Map<String, Object> dollar = new LinkedHashMap<>(extra);
        dollar.put("deep", Map.of("$set", 1));
        Map<String, Object> nul = Map.of("a\u0000b", 1);

        Nested tree = new Nested("root", List.of(new Nested("a", List.of()), new Nested("b",
                List.of(new Nested("c", List.of())))));
        Payload payload = new Payload("p-1", 7, 1L << 40, Instant.parse("2026-12-05T10:15:30.123456789Z"),
                new BigDecimal("4.10"), 0.1, 0.25f, new BigInteger("123456789012345678901234567890"), extra,
                List.of(1, "two", 3.5, List.of(), Map.of("k", "v")), tree, new byte[] {0, 1, 2, (byte) 255}, null);
        Payload tooPrecise = new Payload("p-2", 0, 0, Instant.EPOCH,
                new BigDecimal("1.2345678901234567890123456789012345678901"), Double.MAX_VALUE, Float.MIN_VALUE,
                BigInteger.TWO.pow(100), Map.of(), List.of(), null, new byte[0], "x");

        return List.of(
                new GenericDomainEventMessage<>("Thing", "agg-1", 3, payload, MetaData.with("node", "n1")
                        .and("traceId", "t-1").and("count", 3)),
                GenericEventMessage.asEventMessage(tooPrecise),
                GenericEventMessage.asEventMessage(dollar).andMetaData(MetaData.with("$odd", "name")),
                GenericEventMessage.asEventMessage(nul),
                GenericEventMessage.asEventMessage("just a string"),
                GenericEventMessage.asEventMessage(List.of(1, 2, 3)),
                GenericEventMessage.asEventMessage(new BigDecimal("2.50")));
    }

    private static BsonDocument stored(EventDocuments documents, EventMessage<?> event, Serializer serializer) {
        return documents.prepare(event, serializer).document();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "{\"a\":2147483647,\"b\":2147483648,\"c\":-2147483649,\"d\":9223372036854775807}",
        "{\"e\":9223372036854775808,\"f\":-9223372036854775809,\"g\":123456789012345678901234567890123}",
        "{\"h\":4.10,\"i\":1e3,\"j\":1E-7,\"k\":-0.0,\"l\":0.1000,\"m\":1.23456789012345678901234567890123456789}",
        "{\"n\":\"\\u0041\\n\\t\\\"\",\"o\":[[],[{}],[1,[2,[3]]]],\"p\":null,\"q\":true,\"r\":false}",
        "{\"dup\":1,\"x\":2,\"dup\":\"again\"}", "{\"a\":{\"$b\":1}}", "{\"a\":[{\"b\\u0000c\":1}]}",
        "[1,2]", "\"text\"", "null", "12", "{\"a\":1} {\"b\":2}"})
    void jsonTextIsReadAsTheTreeReadsIt(String json) throws Exception {
        sameOrUndecided(json);
    }

    @Test
    void randomJsonIsReadAsTheTreeReadsIt() throws Exception {
        Random random = new Random(20261205L);
        int decided = 0;
        for (int run = 0; run < 2000; run++) {
            decided += sameOrUndecided(object(random, 0)) ? 1 : 0;
        }
        // many hold no refused or repeated name: the direct way must have decided those
        assertThat(decided).isGreaterThan(DECIDED_AT_LEAST);
    }

    /**
     * The direct reading gives the tree's document, or null ("the tree decides") where the tree's
     * answer is that the text is no storable object, or where a later repeated name could still
     * replace a refused one. True when it decided.
     */
    private static boolean sameOrUndecided(String json) throws Exception {
        BsonDocument direct = direct(json);
        BsonDocument tree = viaTree(json);
        if (tree == null) {
            assertThat(direct).as(json).isNull();
        } else if (direct != null) {
            assertThat(direct).as(json).isEqualTo(tree);
        } else {
            assertThat(refusedOrRepeatedName(json)).as("undecided only for a refused or repeated name: %s", json)
                    .isTrue();
        }
        return direct != null;
    }

    /** Whether some object of the text has a name starting with $, holding a NUL, or twice. */
    private static boolean refusedOrRepeatedName(String json) throws Exception {
        java.util.Deque<java.util.Set<String>> objects = new java.util.ArrayDeque<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            for (com.fasterxml.jackson.core.JsonToken token; (token = parser.nextToken()) != null; ) {
                switch (token) {
                    case START_OBJECT -> objects.push(new java.util.HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        if (name.startsWith("$") || name.indexOf('\0') >= 0 || !objects.peek().add(name)) {
                            return true;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return false;
    }

    private static BsonDocument direct(String json) throws Exception {
        try (JsonParser parser = MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            return BsonJson.readDocument(parser);
        }
    }

    private static BsonDocument viaTree(String json) throws Exception {
        JsonNode tree;
        try (JsonParser parser = MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            tree = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                return null; // trailing content: not one object
            }
        }
        return BsonJson.storableAsDocument(tree) ? BsonJson.toDocument(tree) : null;
    }

    private static String object(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int fields = random.nextInt(depth > 2 ? 2 : 5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                out.append(',');
            }
            String[] names = {"a", "b", "$c", "d.e", "f", "g", "h", "a"};
            out.append('"').append(names[random.nextInt(names.length)]).append("\":").append(value(random, depth + 1));
        }
        return out.append('}').toString();
    }

    private static String value(Random random, int depth) {
        List<String> scalars = new ArrayList<>(List.of("0", "-1", "2147483647", "2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "999999999999999999999999999999999",
                "0.5", "4.10", "-1.0E+10", "1e400", "3.14159265358979323846264338327950288419716939937510",
                "\"\"", "\"x\\u00e9\"", "true", "false", "null"));
        return switch (depth > 3 ? 0 : random.nextInt(4)) {
            case 1 -> object(random, depth);
            case 2 -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.append(i > 0 ? "," : "").append(value(random, depth + 1));
                }
                yield array.append(']').toString();
            }
            default -> scalars.get(random.nextInt(scalars.size()));
        };
    }
}
