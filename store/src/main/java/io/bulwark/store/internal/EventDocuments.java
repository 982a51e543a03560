package io.bulwark.store.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.DatatypeFeatures;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.bulwark.store.PayloadFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The layout of stored event and snapshot documents, and the conversion from and to Axon messages.
 *
 * <pre>
 * { _id: globalIndex (long),            // unique (_id), the position in the global order
 *   eventIdentifier: "...",              // unique
 *   aggregateIdentifier: "...", sequenceNumber: long,
 *   aggregateSequence: "aggregateId/seq" // unique: the pair as ONE value, see below
 *   type: "Rule" | null,                 // aggregate type, null for events outside an aggregate
 *   timestamp: "2025-01-01T10:00:00.000000000Z",  // fixed width, so text order is time order
 *   storedAt: Date,                      // writer's clock at insert, used for gap timeouts
 *   payloadType, payloadRevision,
 *   payloadJson: "..." | payload: {...}, // JSON text; or, in PayloadFormat.DOCUMENT, a document
 *   metaDataJson: "..." | metaData: {...} }    // where MongoDB can hold it
 * </pre>
 *
 * <p>Why text by default (ADR 0048): a payload stored as a document is a tree of fields that every
 * hop takes apart and builds again, on the way in (serializer text, BSON tree, the driver's encoding,
 * the embedded server's decoding into its own maps, its page encoding) and on every read back; one
 * string per field is copied instead. Reading accepts both forms, whichever wrote them.
 *
 * <p>Why {@code aggregateSequence}: the embedded server (mongo-java-server) cannot use a compound
 * index for lookups at all (even equality on both fields scans the collection), but it serves
 * equality and {@code $in} on a single-field unique index in constant time. One string field gives
 * both the uniqueness of (aggregate, sequence) and constant-time reads of an aggregate's events on
 * both the embedded server and a real MongoDB. The key is injective: the sequence number is the
 * text after the last {@code /}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventDocuments {

    public static final String ID = "_id";
    public static final String EVENT_ID = "eventIdentifier";
    public static final String AGGREGATE_ID = "aggregateIdentifier";
    public static final String SEQUENCE = "sequenceNumber";
    public static final String AGGREGATE_SEQUENCE = "aggregateSequence";
    public static final String TYPE = "type";
    public static final String TIMESTAMP = "timestamp";
    public static final String STORED_AT = "storedAt";
    public static final String PAYLOAD_TYPE = "payloadType";
    public static final String PAYLOAD_REVISION = "payloadRevision";
    public static final String PAYLOAD = "payload";
    public static final String PAYLOAD_JSON = "payloadJson";
    public static final String META_DATA = "metaData";
    public static final String META_DATA_JSON = "metaDataJson";

    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;
    /**
     * The mapper, reading without Jackson's default limits on number, string and name lengths and
     * nesting. Text events are parsed only when read, so a limit hit there would make an event the
     * serializer wrote unreadable for good (and stop every reader at it); the text comes from our
     * own serializer, not from a client.
     */
    private final ObjectMapper storedTextReader;
    private final boolean asText;

    /** Writes payloads and metadata as JSON text ({@link PayloadFormat#TEXT}). */
    public EventDocuments(ObjectMapper mapper) {
        this(mapper, PayloadFormat.TEXT);
    }

    public EventDocuments(ObjectMapper mapper, PayloadFormat format) {
        this.mapper = mapper;
        this.storedTextReader = mapper.copy();
        storedTextReader.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build());
        this.asText = Objects.requireNonNull(format, "format") == PayloadFormat.TEXT;
    }

    public static String aggregateSequence(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "/" + sequenceNumber;
    }

    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP_FORMAT.format(instant);
    }

    /**
     * Serializes an event to a document without {@code _id} (the global index is assigned at insert)
     * and without {@code storedAt}. Non-domain events get aggregateIdentifier = eventIdentifier,
     * sequence 0 and type null, as in Axon's JDBC engine, so that every event has a unique
     * aggregateSequence and the same document shape.
     */
    public PreparedEvent prepare(EventMessage<?> event, Serializer serializer) {
        ObjectMapper direct = directMapper(serializer);
        SerializedObject<?> payload = direct != null ? event.serializePayload(serializer, byte[].class)
                : event.serializePayload(serializer, JsonNode.class);
        String aggregateId;
        long sequence;
        String type;
        boolean domain = event instanceof DomainEventMessage<?> d && d.getAggregateIdentifier() != null;
        if (domain) {
            DomainEventMessage<?> d = (DomainEventMessage<?>) event;
            aggregateId = d.getAggregateIdentifier();
            sequence = d.getSequenceNumber();
            type = d.getType();
        } else {
            aggregateId = event.getIdentifier();
            sequence = 0L;
            type = null;
        }
        BsonDocument document = new BsonDocument()
                .append(EVENT_ID, new BsonString(event.getIdentifier()))
                .append(AGGREGATE_ID, new BsonString(aggregateId))
                .append(SEQUENCE, new BsonInt64(sequence))
                .append(AGGREGATE_SEQUENCE, new BsonString(aggregateSequence(aggregateId, sequence)))
                .append(TYPE, type == null ? BsonNull.VALUE : new BsonString(type))
                .append(TIMESTAMP, new BsonString(formatTimestamp(event.getTimestamp())))
                .append(PAYLOAD_TYPE, new BsonString(payload.getType().getName()))
                .append(PAYLOAD_REVISION, payload.getType().getRevision() == null
                        ? BsonNull.VALUE : new BsonString(payload.getType().getRevision()));
        if (direct != null) {
            putJson(document, PAYLOAD, PAYLOAD_JSON, direct, (byte[]) payload.getData(),
                    () -> event.serializePayload(serializer, JsonNode.class).getData());
            putJson(document, META_DATA, META_DATA_JSON, direct,
                    event.serializeMetaData(serializer, byte[].class).getData(),
                    () -> event.serializeMetaData(serializer, JsonNode.class).getData());
        } else {
            putTree(document, PAYLOAD, PAYLOAD_JSON, (JsonNode) payload.getData());
            putTree(document, META_DATA, META_DATA_JSON, event.serializeMetaData(serializer, JsonNode.class).getData());
        }
        return new PreparedEvent(event, document, event.getIdentifier(), aggregateId, sequence, domain);
    }

    /**
     * The serializer's mapper when its JSON can be read straight into documents: a Jackson
     * serializer whose trees hold floats as exact decimals and integers by their width, as
     * {@link BsonJson#readDocument} reads them. Else null, and payloads go through the tree.
     */
    static ObjectMapper directMapper(Serializer serializer) {
        if (serializer instanceof JacksonSerializer jackson) {
            ObjectMapper mapper = jackson.getObjectMapper();
            DeserializationConfig config = mapper.getDeserializationConfig();
            // the settings readTree consults for decimals, as of Jackson 2.19: the tree's own feature
            // when set explicitly, else the general one; trailing zeros kept (4.10 stays 4.10)
            DatatypeFeatures features = config.getDatatypeFeatures();
            Boolean treeDecimals = features.getExplicitState(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            Boolean strip = features.getExplicitState(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
            boolean decimals = (treeDecimals != null ? treeDecimals
                    : config.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS))
                    && !(strip != null ? strip : config.getNodeFactory().willStripTrailingBigDecimalZeroes());
            if (decimals && !config.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                    && !config.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)) {
                return mapper;
            }
        }
        return null;
    }

    /**
     * The serialized JSON read in one pass into a document ({@link BsonJson#readDocument}), instead
     * of Axon's parse into a tree and the walk of the tree; what that leaves undecided (not an
     * object, names MongoDB cannot hold) takes the tree's way, as before. Both ways store the same
     * document (EventDocumentsTest compares them). In {@link PayloadFormat#TEXT} the serializer's text
     * is stored as it is.
     */
    private void putJson(BsonDocument document, String field, String jsonField, ObjectMapper serializerMapper,
            byte[] json, Supplier<JsonNode> tree) {
        if (asText) {
            // the serializer's own text, unparsed; readers parse it without read limits (tree())
            document.append(jsonField, new BsonString(new String(json, StandardCharsets.UTF_8)));
            return;
        }
        BsonDocument read;
        try (JsonParser parser = serializerMapper.createParser(json)) {
            read = BsonJson.readDocument(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read != null) {
            document.append(field, read);
        } else {
            putTree(document, field, jsonField, tree.get());
        }
    }

    /** The way every payload took before {@link #putJson}: the tree, then the document or its text. */
    private void putTree(BsonDocument document, String field, String jsonField, JsonNode tree) {
        if (!asText && BsonJson.storableAsDocument(tree)) {
            document.append(field, BsonJson.toDocument(tree));
        } else {
            try {
                document.append(jsonField, new BsonString(mapper.writeValueAsString(tree)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The document to insert for a prepared event at the given global index. */
    public static BsonDocument forInsert(PreparedEvent event, long globalIndex, Instant storedAt) {
        BsonDocument document = new BsonDocument(ID, new BsonInt64(globalIndex));
        document.putAll(event.document());
        document.put(STORED_AT, new BsonDateTime(storedAt.toEpochMilli()));
        return document;
    }

    /** Reads a stored event or snapshot document back. */
    public StoredEventData read(BsonDocument document, TrackingToken token) {
        BsonValue id = document.get(ID);
        long globalIndex = id != null && id.isNumber() ? id.asNumber().longValue() : -1L;
        BsonValue type = document.get(TYPE);
        BsonValue revision = document.get(PAYLOAD_REVISION);
        return new StoredEventData(globalIndex, token,
                type == null || type.isNull() ? null : type.asString().getValue(),
                document.getString(AGGREGATE_ID).getValue(),
                document.get(SEQUENCE).asNumber().longValue(),
                document.getString(EVENT_ID).getValue(),
                Instant.parse(document.getString(TIMESTAMP).getValue()),
                document.getString(PAYLOAD_TYPE).getValue(),
                revision == null || revision.isNull() ? null : revision.asString().getValue(),
                tree(document, PAYLOAD, PAYLOAD_JSON),
                tree(document, META_DATA, META_DATA_JSON));
    }

    private JsonNode tree(BsonDocument document, String field, String jsonField) {
        BsonValue value = document.get(field);
        if (value != null) {
            return BsonJson.toJson(value);
        }
        BsonValue json = document.get(jsonField);
        if (json == null || json.isNull()) {
            return mapper.nullNode();
        }
        try {
            return storedTextReader.readTree(json.asString().getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload of a stored document as JSON text. */
    public String payloadJson(BsonDocument document) {
        return jsonText(document, PAYLOAD, PAYLOAD_JSON);
    }

    /** The metadata of a stored document as JSON text. */
    public String metaDataJson(BsonDocument document) {
        return jsonText(document, META_DATA, META_DATA_JSON);
    }

    private String jsonText(BsonDocument document, String field, String jsonField) {
        try {
            return mapper.writeValueAsString(tree(document, field, jsonField));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
