package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.UnixServerAddress;
import com.mongodb.connection.ServerDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store is reachable only by this user: through a 0600 Unix socket in a 0700
 * directory, not through a TCP port that any local user could open.
 */
class EmbeddedStoreAccessTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedStoreIsServedOnAPrivateUnixSocketAndNoTcpPort() throws Exception {
        Path file = dir.resolve("data/store/bulwark.mv");
        try (StoreConnection connection = StoreConnection.embedded(file, false)) {
            connection.client().getDatabase("bulwark").getCollection("probe").insertOne(new Document("a", 1));

            var servers = connection.client().getClusterDescription().getServerDescriptions();
            assertThat(servers).isNotEmpty().allSatisfy((ServerDescription server) ->
                    assertThat(server.getAddress()).isInstanceOf(UnixServerAddress.class));
            Path socket = Path.of(servers.get(0).getAddress().getHost());
            assertThat(socket.getParent()).isEqualTo(file.getParent());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aStoreDirectoryTooDeepForASocketPathIsServedFromAPrivateTemporaryDirectory() {
        Path deep = dir.resolve("x".repeat(60)).resolve("y".repeat(60)).resolve("bulwark.mv");
        try (StoreConnection connection = StoreConnection.embedded(deep, false)) {
            connection.client().getDatabase("bulwark").getCollection("probe").insertOne(new Document("a", 1));
            assertThat(connection.client().getDatabase("bulwark").getCollection("probe").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aStoreDirectoryWithCapitalsIsServedToo() {
        // The driver lower-cases server addresses, socket paths included.
        Path mixedCase = dir.resolve("Data/Store/bulwark.mv");
        try (StoreConnection connection = StoreConnection.embedded(mixedCase, false)) {
            connection.client().getDatabase("bulwark").getCollection("probe").insertOne(new Document("a", 1));
            assertThat(connection.client().getDatabase("bulwark").getCollection("probe").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aSocketLeftByAKilledProcessDoesNotStopTheNextStart() throws Exception {
        Path file = dir.resolve("store/bulwark.mv");
        Files.createDirectories(file.getParent());
        Files.createFile(file.getParent().resolve("store.sock"));
        try (StoreConnection connection = StoreConnection.embedded(file, false)) {
            connection.client().getDatabase("bulwark").getCollection("probe").insertOne(new Document("a", 1));
        }
        try (StoreConnection again = StoreConnection.embedded(file, false)) {
            assertThat(again.client().getDatabase("bulwark").getCollection("probe").countDocuments()).isEqualTo(1);
        }
    }
}
