package io.bulwark.store.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.store.serialization.StoreSerializers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Runs upcasters over events in their stored form ({@code payloadType}, {@code payloadRevision},
 * {@code payload}) the way the storage engine does, and deserialises them with the store's
 * serializer. For tests.
 */
public final class UpcasterHarness {
    private static final ObjectMapper MAPPER = StoreSerializers.objectMapper();
    private static final Serializer SERIALIZER = StoreSerializers.jacksonSerializer();

    private UpcasterHarness() {
    }

    /** The events after {@code upcaster}, in stored form. */
    public static List<JsonNode> upcast(EventUpcaster upcaster, List<JsonNode> stored) {
        List<IntermediateEventRepresentation> initial = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            JsonNode e = stored.get(i);
            initial.add(new InitialEventRepresentation(new GenericDomainEventEntry<>("Recorded", "recorded", i,
                    "recorded-" + i, Instant.parse("2026-12-04T09:00:00Z").plusSeconds(60L * i),
                    e.get("payloadType").asText(), e.get("payloadRevision").asText(), e.get("payload"),
                    MAPPER.createObjectNode()), SERIALIZER));
        }
        return upcaster.upcast(initial.stream()).map(r -> {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("payloadType", r.getType().getName()).put("payloadRevision", r.getType().getRevision());
            node.set("payload", r.getData(JsonNode.class).getData());
            return (JsonNode) node;
        }).toList();
    }

    /** The payload objects, as the store's serializer reads them. */
    public static List<Object> deserialize(List<JsonNode> stored) {
        return stored.stream().<Object>map(e -> {
            try {
                return MAPPER.treeToValue(e.get("payload"), Class.forName(e.get("payloadType").asText()));
            } catch (Exception ex) {
                throw new IllegalStateException("cannot read " + e.get("payloadType"), ex);
            }
        }).toList();
    }
}
