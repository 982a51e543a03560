package io.bulwark.store.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class MasterKeyProvisioningTest {

    @TempDir
    Path dir;

    private StoreConnection store;
    private MongoDatabase database;

    @BeforeEach
    void openStore() {
        store = StoreConnection.embedded(dir.resolve("store/bulwark.mv"), false);
        database = store.client().getDatabase("bulwark");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static String freshKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aKeyGivenAsValueOpensWhatTheSameKeyInAFileSealed() throws Exception {
        String value = freshKey();
        Path file = dir.resolve("shared/master.key");
        Files.createDirectories(file.getParent());
        Files.writeString(file, value + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        MasterKey fromFile = MasterKeyProvisioning.load(new MockEnvironment()
                .withProperty("bulwark.master-key-file", file.toString()), database);
        MasterKey fromValue = MasterKeyProvisioning.load(new MockEnvironment()
                .withProperty("bulwark.master-key", value), database);

        byte[] sealed = fromFile.seal("k1", "secret".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(fromValue.open("k1", sealed), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void theOlderTlsPropertyAndTheDataDirectoryDefaultStillNameTheFile() {
        assertThat(MasterKeyProvisioning.keyFile(new MockEnvironment()
                .withProperty("bulwark.tls.master-key-file", "/etc/bulwark/old.key"))).isEqualTo(Path.of("/etc/bulwark/old.key"));
        assertThat(MasterKeyProvisioning.keyFile(new MockEnvironment()
                .withProperty("bulwark.tls.master-key-file", "/etc/bulwark/old.key")
                .withProperty("bulwark.master-key-file", "/etc/bulwark/new.key"))).isEqualTo(Path.of("/etc/bulwark/new.key"));
        assertThat(MasterKeyProvisioning.keyFile(new MockEnvironment().withProperty("bulwark.data-dir", "/var/lib/b")))
                .isEqualTo(Path.of("/var/lib/b/tls/master.key"));
    }

    @Test
    void aClusterNodeWithoutItsKeyFileRefusesToStartInsteadOfMakingItsOwn() {
        Path missing = dir.resolve("nowhere/master.key");
        assertThatThrownBy(() -> MasterKeyProvisioning.load(new MockEnvironment()
                .withProperty("bulwark.master-key-file", missing.toString())
                .withProperty("bulwark.master-key-create", "false"), database))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aNodeWithAnotherKeyThanTheStoreRecordsRefusesToStart() throws Exception {
        MasterKeyProvisioning.load(new MockEnvironment().withProperty("bulwark.master-key", freshKey()), database);

        MockEnvironment other = new MockEnvironment().withProperty("bulwark.master-key", freshKey());
        assertThatThrownBy(() -> MasterKeyProvisioning.load(other, database))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the key the store's other nodes use");

        // the operator who lost the old key records the new one on purpose
        MasterKeyProvisioning.load(other.withProperty("bulwark.master-key-replace", "true"), database);
        MasterKeyProvisioning.load(new MockEnvironment()
                .withProperty("bulwark.master-key", other.getProperty("bulwark.master-key")), database);
    }

    @Test
    void aValueThatIsNotA32ByteKeyIsRefused() {
        assertThatThrownBy(() -> MasterKeyProvisioning.load(new MockEnvironment().withProperty("bulwark.master-key",
                Base64.getEncoder().encodeToString(new byte[16])))).hasMessageContaining("32 bytes");
    }
}
