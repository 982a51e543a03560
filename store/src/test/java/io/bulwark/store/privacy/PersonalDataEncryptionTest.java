package io.bulwark.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.serialization.StoreSerializers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                .contains("\"queueId\":\"Q1\"").contains("mx.rcpt.example")
                // the client address is the sender's personal data too (ADR 0038)
                .doesNotContain("192.0.2.10").contains("\"clientAddress\":\"pd1:" + keys.subjectId("alice@sender.example"));
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

    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");

    private static MessageScannedEvent scanned(String sender) {
        MessageRef ref = new MessageRef("Q3", "<3@example.org>", sender, List.of("bob@rcpt.example"), 1000,
                "198.51.100.7", "node-a");
        return new MessageScannedEvent(ref, new ScanReport(List.of(), Map.of(), 3), List.of(), false, AT,
                "Salary review for Bob", List.of(new AttachmentDescription("2", "bob-salary.xlsx",
                        "application/vnd.ms-excel", 2048, "ab".repeat(32))));
    }

    private <T> T read(String json, Class<T> type, String revision) {
        return serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(json, String.class,
                type.getName(), revision));
    }

    @Test
    void subjectLinesHeloNamesClientAddressesAndFileNamesAreSealedUnderTheSendersSubject() {
        MessageScannedEvent event = scanned("alice@sender.example");
        MessageReceivedEvent received = new MessageReceivedEvent(event.message(), "laptop-of-alice.sender.example",
                "TLSv1.3", null, "00", AT);
        String json = stored(event);
        String helo = stored(received);
        String alice = keys.subjectId("alice@sender.example");

        assertThat(json).doesNotContain("Salary").doesNotContain("bob-salary").doesNotContain("198.51.100.7")
                .contains("\"subject\":\"pd1:" + alice + ":").contains("\"fileName\":\"pd1:" + alice + ":")
                .contains("\"clientAddress\":\"pd1:" + alice + ":").contains("application/vnd.ms-excel");
        assertThat(helo).doesNotContain("laptop-of-alice").contains("\"heloName\":\"pd1:" + alice + ":")
                .contains("TLSv1.3");
        assertThat(read(json, MessageScannedEvent.class, "3")).isEqualTo(event);
        assertThat(read(helo, MessageReceivedEvent.class, "1")).isEqualTo(received);

        keys.forget(alice);

        MessageScannedEvent after = read(json, MessageScannedEvent.class, "3");
        assertThat(after.subject()).isEqualTo(SubjectSealing.FORGOTTEN);
        assertThat(after.attachments().getFirst().fileName()).isEqualTo(SubjectSealing.FORGOTTEN);
        assertThat(after.attachments().getFirst().sha256()).isEqualTo("ab".repeat(32));
        assertThat(after.message().clientAddress()).isEqualTo(SubjectSealing.FORGOTTEN);
        assertThat(after.message().recipients()).containsExactly("bob@rcpt.example");
        assertThat(read(helo, MessageReceivedEvent.class, "1").heloName()).isEqualTo(SubjectSealing.FORGOTTEN);
    }

    @Test
    void aBouncesSubjectLineBelongsToItsFirstRecipient() {
        String json = stored(scanned(""));
        assertThat(json).contains("\"sender\":\"\"")
                .contains("\"subject\":\"pd1:" + keys.subjectId("bob@rcpt.example") + ":");
        keys.forget(keys.subjectId("bob@rcpt.example"));
        assertThat(read(json, MessageScannedEvent.class, "3").subject()).isEqualTo(SubjectSealing.FORGOTTEN);
    }

    @Test
    void anotherNodeDropsItsCachedKeyWhenTheForgetEventEvictsIt() throws Exception {
        // two key providers on one store, as two nodes: both have used Bob's key
        SubjectKeys other = new SubjectKeys(database, MasterKey.loadOrCreate(dir.resolve("master.key")));
        JacksonSerializer otherNode = StoreSerializers.jacksonSerializer(new SubjectSealing(other));
        String json = stored(delivered());
        String bob = keys.subjectId("bob@rcpt.example");
        MessageDeliveredEvent seenByOther = otherNode.deserialize(
                new org.axonframework.serialization.SimpleSerializedObject<>(json, String.class,
                        MessageDeliveredEvent.class.getName(), "2"));
        assertThat(seenByOther.message().recipients()).contains("bob@rcpt.example");
        assertThat(other.cached(bob)).isTrue();

        // the forget event reaches the other node a moment before the forgetting node destroys the key
        other.evict(bob);
        assertThat(other.cached(bob)).isFalse();
        assertThat(readWith(otherNode, json).message().recipients()).contains("bob@rcpt.example");
        assertThat(other.cached(bob)).as("a key about to be destroyed is not cached again").isFalse();
        keys.forget(bob);

        assertThat(readWith(otherNode, json).message().recipients())
                .containsExactly(SubjectSealing.FORGOTTEN, "carol@rcpt.example");
        // Bob writes again: a new key, cached as usual, which does not open the old ciphertext
        String later = otherNode.serialize(delivered(), String.class).getData();
        assertThat(other.cached(bob)).isTrue();
        assertThat(read(later).message().recipients()).contains("bob@rcpt.example");
        assertThat(readWith(otherNode, json).message().recipients()).startsWith(SubjectSealing.FORGOTTEN);
    }

    private static MessageDeliveredEvent readWith(JacksonSerializer s, String json) {
        return s.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(json, String.class,
                MessageDeliveredEvent.class.getName(), "2"));
    }
}
