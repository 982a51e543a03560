package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.bulwark.store.serialization.StoreSerializers;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.store.upcasting.AdminLoginUpcasterTest;
import io.bulwark.store.upcasting.RecordedRuleEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The auto-configured event store reads revision-1 rule and login events as revision 2: the upcasters are wired in. */
class UpcastingAutoConfigurationTest {

    @TempDir
    Path dataDir;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void theAutoConfiguredEventStoreUpcastsRevisionOneRuleAndLoginEvents() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("bulwark.data-dir=" + dataDir, "axon.axonserver.enabled=false",
                        "spring.main.banner-mode=off")
                .run()) {
            MongoEventStorageEngine oldWriter = MongoEventStorageEngine.builder()
                    .database(context.getBean(MongoDatabase.class))
                    .durabilityBarrier(context.getBean(DurabilityBarrier.class))
                    .eventSerializer(new AsStoredSerializer(StoreSerializers.jacksonSerializer()))
                    .build();
            List<EventMessage<?>> events = new ArrayList<>();
            List<JsonNode> stored = RecordedRuleEvents.stored();
            for (int i = 0; i < stored.size(); i++) {
                events.add(new GenericDomainEventMessage<>("RuleSet", "rules", i, stored.get(i)));
            }
            oldWriter.appendEvents(events);
            oldWriter.appendEvents(new GenericDomainEventMessage<>("Login", "login-1", 0,
                    AdminLoginUpcasterTest.revisionOne("admin", true)));
            oldWriter.close();

            List<Object> payloads = context.getBean(EventStore.class).readEvents("rules").asStream()
                    .map(m -> (Object) m.getPayload()).toList();

            assertThat(RecordedRuleEvents.meaning(RecordedRuleEvents.replay(payloads), true))
                    .isEqualTo(RecordedRuleEvents.recordedMeaning());
            assertThat(context.getBean(EventStore.class).readEvents("login-1").next().getPayload())
                    .isInstanceOfSatisfying(AdminLoginRecordedEvent.class, login -> {
                        // without the upcaster Jackson would leave it null
                        assertThat(login.unknownAccount()).isFalse();
                        assertThat(login.throttled()).isFalse();
                    });
        }
    }
}
