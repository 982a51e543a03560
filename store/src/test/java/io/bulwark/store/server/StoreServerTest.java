package io.bulwark.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.bulwark.store.StoreConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store on a loopback port, reached by the MongoDB driver with and without the password. */
class StoreServerTest {

    @TempDir
    Path dir;

    private StoreConnection store;

    @BeforeEach
    void serve() {
        store = StoreConnection.embedded(dir.resolve("store/bulwark.mv"), StoreConnection.EmbeddedOptions.defaults(),
                new StoreConnection.ServedPort(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "bulwark",
                        "s3cret,=pass".toCharArray()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String uri(String userInfo) {
        return "mongodb://" + userInfo + "127.0.0.1:" + store.servedPort()
                + "/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000";
    }

    @Test
    void aNodeWithThePasswordWritesThroughTheDriverAndTheStoreKeepsIt() {
        assertThat(store.servedPort()).isPositive();
        try (StoreConnection node = StoreConnection.remote(uri("bulwark:s3cret%2C%3Dpass@")
                + "&authMechanism=SCRAM-SHA-256")) {
            node.client().getDatabase("bulwark").getCollection("c").insertOne(new Document("_id", "x").append("v", 1));
            assertThat(node.client().getDatabase("bulwark").getCollection("c").find().first()).containsEntry("v", 1);
        }
        assertThat(store.client().getDatabase("bulwark").getCollection("c").countDocuments()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (MongoClient client = MongoClients.create(uri("bulwark:wrong@") + "&authMechanism=SCRAM-SHA-256")) {
            assertThatThrownBy(() -> client.getDatabase("bulwark").getCollection("c").insertOne(new Document("_id", "y")))
                    .isInstanceOf(MongoException.class);
        }
        assertThat(store.client().getDatabase("bulwark").getCollection("c").countDocuments()).isZero();
    }

    @Test
    void aClientWithoutCredentialsMayGreetButNotReadOrWrite() {
        store.client().getDatabase("bulwark").getCollection("c").insertOne(new Document("_id", "secret"));
        try (MongoClient client = MongoClients.create(uri(""))) {
            assertThatThrownBy(() -> client.getDatabase("bulwark").getCollection("c").find().first())
                    .isInstanceOf(MongoCommandException.class)
                    .satisfies(e -> assertThat(((MongoCommandException) e).getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> client.getDatabase("bulwark").getCollection("c").insertOne(new Document("_id", "z")))
                    .isInstanceOf(MongoException.class);
        }
        assertThat(store.client().getDatabase("bulwark").getCollection("c").countDocuments()).isEqualTo(1);
    }
}
