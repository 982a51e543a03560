package io.bulwark.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.store.EventLog;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Boots the admin backend and the console together, as the appliance does, on in-memory stand-ins
 * for the store module's beans (Axon's in-memory engine, mongo-java-server's memory backend).
 */
@SpringBootApplication(scanBasePackages = {"io.bulwark.admin", "io.bulwark.console"})
public class ConsoleTestApplication {

    @Bean
    @Primary
    InMemoryEventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    @Bean(destroyMethod = "shutdownNow")
    MongoServer mongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    @Bean(destroyMethod = "close")
    @Primary
    MongoClient mongoClient(MongoServer server) {
        return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @Bean
    @Primary
    MongoDatabase mongoDatabase(MongoClient client) {
        return client.getDatabase("bulwark");
    }

    /** The console does not read the event log; the backend's controller only needs one to exist. */
    @Bean
    @Primary
    EventLog eventLog(ObjectMapper objectMapper) throws JsonProcessingException {
        String payload = objectMapper.writeValueAsString(java.util.Map.of("k", "v"));
        return (after, limit) -> after >= 1 ? List.of()
                : List.of(new EventLog.StoredEvent(1, "e1", "x.Y", "1", "2026-01-01T00:00:00Z", null, null, payload));
    }
}
