package io.bulwark.store.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedKeysTest {
    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("sealed");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void rsaEcAndEd25519KeysOpenAsStoredAndThePrivateKeyIsNeverInClear() throws Exception {
        SealedKeys keys = new SealedKeys(database, "keys", MasterKey.loadOrCreate(dir.resolve("m.key")));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            PrivateKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPrivate();
            keys.store("k-" + algorithm, key, new Document("selector", "s-" + algorithm));

            Document stored = keys.document("k-" + algorithm).orElseThrow();
            assertThat(stored.getString("selector")).isEqualTo("s-" + algorithm);
            assertThat(stored.getString("sealing")).isEqualTo(SealedKeys.SEALING);
            assertThat(java.util.HexFormat.of().formatHex(stored.get("sealedKey", Binary.class).getData()))
                    .doesNotContain(java.util.HexFormat.of().formatHex(key.getEncoded()));
            assertThat(keys.open("k-" + algorithm).orElseThrow().getEncoded()).isEqualTo(key.getEncoded());
            assertThat(keys.keyIdWhere("selector", "s-" + algorithm)).contains("k-" + algorithm);
        }
        keys.delete("k-RSA");
        assertThat(keys.open("k-RSA")).isEmpty();
    }

    @Test
    void anotherMasterKeyOrAnotherIdCannotOpenTheKey() throws Exception {
        SealedKeys keys = new SealedKeys(database, "keys", MasterKey.loadOrCreate(dir.resolve("m.key")));
        keys.store("k1", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(), new Document());
        SealedKeys foreign = new SealedKeys(database, "keys", MasterKey.loadOrCreate(dir.resolve("other.key")));
        assertThatThrownBy(() -> foreign.open("k1")).isInstanceOf(GeneralSecurityException.class);

        Document moved = keys.document("k1").orElseThrow().append("_id", "k2");
        assertThatThrownBy(() -> keys.open(moved)).isInstanceOf(GeneralSecurityException.class);
    }
}
