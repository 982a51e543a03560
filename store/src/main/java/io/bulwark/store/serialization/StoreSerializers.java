package io.bulwark.store.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Builds the Jackson setup used for everything the store writes: event payloads, metadata,
 * snapshots and tracking tokens. Records are supported natively by Jackson; {@code java.time}
 * values are written as ISO-8601 text (never as numbers) so stored events stay readable by
 * auditors and by future code. Decimals are read as BigDecimal so they survive the round trip
 * through BSON exactly. Unknown properties are ignored on read so that an older node can
 * still read an event to which a newer revision added a field.
 *
 * <p>Stateless; the returned objects are thread-safe once built.
 */
public final class StoreSerializers {

    private StoreSerializers() {
    }

    /** A new ObjectMapper configured for stored payloads. */
    public static ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        // Stored payloads are converted through trees: keep decimals exact (4.10 stays 4.10, as a
        // BSON Decimal128) instead of passing them through double.
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        return mapper;
    }

    /** A new Axon serializer on {@link #objectMapper()} that reads revisions from {@code @EventRevision}. */
    public static JacksonSerializer jacksonSerializer() {
        return jacksonSerializer(io.bulwark.store.privacy.PersonalDataCodec.NONE);
    }

    /**
     * The same, writing and reading {@code @PersonalData} components through {@code codec}
     * (personal-data encryption, ADR 0029); {@link io.bulwark.store.privacy.PersonalDataCodec#NONE}
     * leaves the mapper exactly as {@link #jacksonSerializer()} has it.
     */
    public static JacksonSerializer jacksonSerializer(io.bulwark.store.privacy.PersonalDataCodec codec) {
        ObjectMapper mapper = objectMapper();
        if (codec != io.bulwark.store.privacy.PersonalDataCodec.NONE) {
            io.bulwark.store.privacy.PersonalDataModule.install(mapper, codec);
        }
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(new EventRevisionResolver())
                .build();
    }
}
