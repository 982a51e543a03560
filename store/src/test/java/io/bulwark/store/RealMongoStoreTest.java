package io.bulwark.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against a real MongoDB, e.g. a replica set:
 * {@code ./mvnw -pl store test -Dtest=RealMongoStoreTest -Dbulwark.test.mongodb.uri=mongodb://h1,h2,h3/?replicaSet=rs0}.
 * Skipped unless {@code bulwark.test.mongodb.uri} is set. Each test uses a fresh database, dropped
 * afterwards.
 */
class RealMongoStoreTest extends StoreContractTest {

    private static StoreConnection connection;
    private String databaseName;

    @BeforeAll
    static void connect() {
        String uri = System.getProperty("bulwark.test.mongodb.uri");
        assumeTrue(uri != null && !uri.isBlank(), "bulwark.test.mongodb.uri not set");
        connection = StoreConnection.remote(uri);
    }

    @AfterAll
    static void disconnect() {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    protected StoreHarness openStore() {
        databaseName = "bulwark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return StoreHarness.on(connection, databaseName, b -> b.gapHold(Duration.ZERO));
    }

    @AfterEach
    void dropDatabase() {
        if (connection != null && databaseName != null) {
            connection.client().getDatabase(databaseName).drop();
        }
    }
}
