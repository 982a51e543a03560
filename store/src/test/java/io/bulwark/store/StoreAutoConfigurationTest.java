package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The auto-configuration in a Spring Boot application with Axon's auto-configuration. */
class StoreAutoConfigurationTest {

    @TempDir
    Path dataDir;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Projection projection() {
            return new Projection();
        }
    }

    @ProcessingGroup("store-autoconfig-test")
    static class Projection {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(TestEvents.MessageAccepted event) {
            seen.add(event.messageId());
        }
    }

    private ConfigurableApplicationContext start(String... more) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("bulwark.data-dir=" + dataDir, "axon.axonserver.enabled=false",
                        "bulwark.store.fetch-delay=200ms", "spring.main.banner-mode=off")
                .properties(more)
                .run();
    }

    @Test
    void theApplicationGetsOneClientTheJacksonSerializersAndTheMongoEngineTokenStoreAppenderAndLog()
            throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeansOfType(MongoClient.class)).hasSize(1);
            assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(MongoEventStorageEngine.class);
            assertThat(context.getBean(EventStore.class)).isInstanceOf(SignallingEventStore.class);
            assertThat(context.getBean(TokenStore.class)).isInstanceOfSatisfying(CoalescingTokenStore.class,
                    store -> assertThat(store.delegate()).isInstanceOf(MongoTokenStore.class));
            assertThat(context.getBeansOfType(Serializer.class).values())
                    .hasSizeGreaterThanOrEqualTo(3).allMatch(s -> s instanceof JacksonSerializer);
            assertThat(context.getBean(DurabilityBarrier.class)).isNotNull();
            assertThat(Files.exists(dataDir.resolve("store/bulwark.mv"))).isTrue();

            Projection projection = context.getBean(Projection.class);
            context.getBean(EventAppender.class).append(List.of(TestEvents.plain("via-appender", 1)))
                    .get(30, TimeUnit.SECONDS);
            context.getBean(EventGateway.class).publish(TestEvents.accepted("via-gateway", 2));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> projection.seen.containsAll(Set.of("via-appender", "via-gateway")));
            assertThat(context.getBean(EventLog.class).readAfter(-1, 10)).hasSize(2);
        }

        // A restart on the same data directory finds the events and does not deliver them again; with
        // bulwark.store.payload-format=document it writes documents and still reads the text before.
        try (ConfigurableApplicationContext context = start("bulwark.store.payload-format=document")) {
            Projection projection = context.getBean(Projection.class);
            assertThat(context.getBean(EventLog.class).readAfter(-1, 10)).hasSize(2);
            context.getBean(EventAppender.class).append(List.of(TestEvents.plain("after-restart", 3)))
                    .get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> projection.seen.contains("after-restart"));
            assertThat(projection.seen).containsExactly("after-restart");
            var events = context.getBean(MongoClient.class).getDatabase("bulwark").getCollection("domain_events");
            assertThat(events.countDocuments(Filters.eq("payload.messageId", "after-restart"))).isOne();
            assertThat(events.find(Filters.exists("payloadJson")).map(d -> d.getString("payloadJson")))
                    .anySatisfy(text -> assertThat(text).contains("\"via-appender\""))
                    .noneSatisfy(text -> assertThat(text).contains("after-restart"));
        }
    }
}
