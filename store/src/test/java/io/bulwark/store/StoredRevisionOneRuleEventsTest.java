package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.store.serialization.StoreSerializers;
import io.bulwark.store.upcasting.RecordedRuleEvents;
import io.bulwark.store.upcasting.RuleEventsUpcaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revision-1 rule events written to a real (embedded) store come back upcast, meaning what they meant. */
class StoredRevisionOneRuleEventsTest {

    @TempDir
    Path dir;

    @Test
    void anAggregateStreamOfRevisionOneRuleEventsIsReadBackUpcastWithItsRecordedMeaning() {
        try (StoreConnection connection = StoreConnection.embedded(dir.resolve("store.mv"), false)) {
            try (StoreHarness writer = StoreHarness.on(connection, "bulwark",
                    b -> b.eventSerializer(new AsStoredSerializer(StoreSerializers.jacksonSerializer())))) {
                List<EventMessage<?>> events = new ArrayList<>();
                List<JsonNode> stored = RecordedRuleEvents.stored();
                for (int i = 0; i < stored.size(); i++) {
                    events.add(new GenericDomainEventMessage<>("RuleSet", "rules", i, stored.get(i)));
                }
                writer.engine.appendEvents(events);
            }
            try (StoreHarness reader = StoreHarness.on(connection, "bulwark",
                    b -> b.upcasterChain(new EventUpcasterChain(new RuleEventsUpcaster())))) {
                List<Object> payloads = reader.engine.readEvents("rules").asStream()
                        .map(m -> (Object) m.getPayload()).toList();

                assertThat(RecordedRuleEvents.meaning(RecordedRuleEvents.replay(payloads), true))
                        .isEqualTo(RecordedRuleEvents.recordedMeaning());
            }
        }
    }
}
