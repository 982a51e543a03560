package io.bulwark.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.store.EventLog;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stand-ins for the store module's beans: Axon's in-memory storage engine, a mongo-java-server
 * in-memory MongoDB on a random loopback port, and an {@link EventLog} over the in-memory engine.
 * {@code @Primary} so the tests keep using these once the real store's auto-configuration is on the
 * class path.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryStoreConfiguration {

    @Bean
    @Primary
    public InMemoryEventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    @Bean(destroyMethod = "shutdownNow")
    public MongoServer mongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    @Bean(destroyMethod = "close")
    @Primary
    public MongoClient mongoClient(MongoServer server) {
        InetSocketAddress address = server.getLocalAddress();
        return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @Bean
    @Primary
    public MongoDatabase mongoDatabase(MongoClient client) {
        return client.getDatabase("bulwark");
    }

    @Bean
    @Primary
    public EventLog eventLog(EventStorageEngine engine, ObjectMapper objectMapper) {
        return (after, limit) -> {
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
                return events
                        .filter(e -> index(e) > after)
                        .limit(limit)
                        .map(e -> toStored(e, objectMapper))
                        .toList();
            }
        };
    }

    /** Axon's in-memory engine counts from 0; the store's global index, like the API's cursor, from 1. */
    private static long index(TrackedEventMessage<?> event) {
        return ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex() + 1;
    }

    private static EventLog.StoredEvent toStored(TrackedEventMessage<?> event, ObjectMapper objectMapper) {
        try {
            DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
            return new EventLog.StoredEvent(index(event), event.getIdentifier(), event.getPayloadType().getName(), "1",
                    event.getTimestamp().toString(), domain == null ? null : domain.getAggregateIdentifier(),
                    domain == null ? null : domain.getSequenceNumber(),
                    objectMapper.writeValueAsString(event.getPayload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
