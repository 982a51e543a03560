package io.bulwark.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * One stored event (or snapshot) as Axon's storage engine contract sees it. Payload and metadata are
 * Jackson trees, which Axon's JacksonSerializer deserializes directly and JSON upcasters can
 * rewrite. Immutable.
 */
public final class StoredEventData implements DomainEventData<JsonNode>, TrackedEventData<JsonNode> {

    private final long globalIndex;
    private final TrackingToken token;
    private final String type;
    private final String aggregateIdentifier;
    private final long sequenceNumber;
    private final String eventIdentifier;
    private final Instant timestamp;
    private final String payloadType;
    private final String payloadRevision;
    private final JsonNode payload;
    private final JsonNode metaData;

    public StoredEventData(long globalIndex, TrackingToken token, String type, String aggregateIdentifier,
            long sequenceNumber, String eventIdentifier, Instant timestamp, String payloadType,
            String payloadRevision, JsonNode payload, JsonNode metaData) {
        this.globalIndex = globalIndex;
        this.token = token;
        this.type = type;
        this.aggregateIdentifier = aggregateIdentifier;
        this.sequenceNumber = sequenceNumber;
        this.eventIdentifier = eventIdentifier;
        this.timestamp = timestamp;
        this.payloadType = payloadType;
        this.payloadRevision = payloadRevision;
        this.payload = payload;
        this.metaData = metaData;
    }

    /** The same event with its tracking token. */
    public StoredEventData withToken(TrackingToken trackingToken) {
        return new StoredEventData(globalIndex, trackingToken, type, aggregateIdentifier, sequenceNumber,
                eventIdentifier, timestamp, payloadType, payloadRevision, payload, metaData);
    }

    public long globalIndex() {
        return globalIndex;
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<JsonNode> getMetaData() {
        return new SerializedMetaData<>(metaData, JsonNode.class);
    }

    @Override
    public SerializedObject<JsonNode> getPayload() {
        return new SimpleSerializedObject<>(payload, JsonNode.class, payloadType, payloadRevision);
    }

    public String payloadType() {
        return payloadType;
    }

    public String payloadRevision() {
        return payloadRevision;
    }

    public JsonNode payloadTree() {
        return payload;
    }
}
