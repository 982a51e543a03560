package io.bulwark.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.serialization.StoreSerializers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal-data encryption through the store's serializer (ADR 0029): envelope addresses are stored
 * sealed per subject, read back in plain text, and as {@code [forgotten]} once the subject's key is
 * destroyed; the other fields are untouched and the subject id does not reveal the address.
 */
class PersonalDataEncryptionTest {
    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private SubjectKeys keys;
    private JacksonSerializer serializer;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("privacy");
        keys = new SubjectKeys(database, MasterKey.loadOrCreate(dir.resolve("master.key")));
        serializer = StoreSerializers.jacksonSerializer(new SubjectSealing(keys));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static MessageDeliveredEvent delivered() {
        return new MessageDeliveredEvent(new MessageRef("Q1", "<1@example.org>", "Alice@Sender.Example",
                List.of("bob@rcpt.example", "carol@rcpt.example"), 1000, "192.0.2.10", "node-a"), "mx.rcpt.example",
                "250 ok", Instant.parse("2026-05-01T10:00:00Z"));
    }

    private String stored(Object event) {
        return serializer.serialize(event, String.class).getData();
    }

    private MessageDeliveredEvent read(String json) {
        return serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(json, String.class,
                MessageDeliveredEvent.class.getName(), "2"));
    }

    @Test
    void envelopeAddressesAreStoredSealedAndReadBackInPlainText() {
        String json = stored(delivered());

        assertThat(json).doesNotContainIgnoringCase("alice@sender.example").doesNotContain("bob@rcpt.example")
                .doesNotContain("carol@rcpt.example").contains("\"sender\":\"pd1:ds-")
                .contains("\"queueId\":\"Q1\"").contains("mx.rcpt.example").contains("192.0.2.10");
        assertThat(read(json)).isEqualTo(delivered());
    }

    @Test
    void aForgottenSubjectReadsAsForgottenAndOnlyThatSubject() {
        String json = stored(delivered());

        assertThat(keys.forget(keys.subjectId("<bob@RCPT.example>"))).isTrue();

        MessageRef after = read(json).message();
        assertThat(after.recipients()).containsExactly(SubjectSealing.FORGOTTEN, "carol@rcpt.example");
        assertThat(after.sender()).isEqualTo("Alice@Sender.Example");
        // the same address later gets a new key, which does not open what was sealed before
        String later = stored(delivered());
        assertThat(read(later).message().recipients()).containsExactly("bob@rcpt.example", "carol@rcpt.example");
        assertThat(read(json).message().recipients()).containsExactly(SubjectSealing.FORGOTTEN, "carol@rcpt.example");
    }

    @Test
    void subjectIdsAreStablePerInstallationAndKeyedSoTheyDoNotConfirmAGuess() throws Exception {
        String id = keys.subjectId("bob@rcpt.example");
        assertThat(id).matches("ds-[0-9a-f]{32}").isEqualTo(keys.subjectId(" <BOB@rcpt.example> "));
        assertThat(new SubjectKeys(database, MasterKey.loadOrCreate(dir.resolve("master.key")))
                .subjectId("bob@rcpt.example")).isEqualTo(id);
        MongoDatabase other = client.getDatabase("other-installation");
        assertThat(new SubjectKeys(other, MasterKey.loadOrCreate(dir.resolve("other.key")))
                .subjectId("bob@rcpt.example")).isNotEqualTo(id);
    }

    @Test
    void theNullSenderAndValuesStoredBeforeEncryptionReadAsTheyAre() {
        String plain = StoreSerializers.jacksonSerializer().serialize(delivered(), String.class).getData();
        assertThat(read(plain)).isEqualTo(delivered());
        SerializedObject<String> nullSender = serializer.serialize(new MessageDeliveredEvent(new MessageRef("Q2", null,
                "", List.of("bob@rcpt.example"), 0, "192.0.2.10", "node-a"), "mx", "250", Instant.EPOCH), String.class);
        assertThat(nullSender.getData()).contains("\"sender\":\"\"");
    }
}
