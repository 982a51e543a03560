package io.bulwark.admin.tracking;

import static io.bulwark.admin.tracking.RecordedMessageEvents.T0;
import static io.bulwark.admin.tracking.RecordedMessageEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageTrackingProjectionTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private MessageTrackingProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("tracking-test");
        projection = new MessageTrackingProjection(database);
        List<MessageEvent> day = RecordedMessageEvents.day();
        for (int i = 0; i < day.size(); i++) {
            projection.on(day.get(i), "event-" + i, T0);
        }
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private List<MessageTrackingView> find(String sender, String recipient, String status) {
        return projection.find(new FindMessagesQuery(sender, recipient, status, null, null, 0));
    }

    private static List<String> queueIds(List<MessageTrackingView> rows) {
        return rows.stream().map(MessageTrackingView::queueId).toList();
    }

    private void scan(String queueId, String ruleName, ModuleVerdict... verdicts) {
        MessageRef ref = RecordedMessageEvents.ref(queueId, "x@example.com", "bob@corp.example");
        projection.on(new MessageScannedEvent(ref, new ScanReport(List.of(verdicts), java.util.Map.of(), 3),
                List.of(new RecipientGroupDecision("r-" + ruleName, ruleName, ref.recipients(), Action.SKIP,
                        Action.SKIP, List.of(), false, List.of(), List.of(), List.of(verdicts))), false, at(1)),
                "scan-" + queueId, T0);
    }

    private List<MessageTrackingView> find(String module, String moduleStatus, String rule, String client,
            String messageId) {
        return projection.find(new FindMessagesQuery(null, null, null, null, null, 0, module, moduleStatus, rule,
                client, messageId));
    }

    @Test
    void showsEachModulesStatusAndTheRulesThatDecided() {
        scan("Q1", "Sales", ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "Eicar"),
                ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM));
        MessageTrackingView row = find(null, null, null, null, null).stream()
                .filter(r -> r.queueId().equals("Q1")).findFirst().orElseThrow();
        assertThat(row.moduleStatuses()).containsExactly(java.util.Map.entry("ANTI_VIRUS", "INFECTED"),
                java.util.Map.entry("ANTI_SPAM", "NOT_SPAM"));
        assertThat(row.rules()).containsExactly("Sales");
    }

    @Test
    void showsTheSubjectAndDescribesTheAttachmentsInTheHistory() {
        MessageRef ref = RecordedMessageEvents.ref("Q1", "x@example.com", "bob@corp.example");
        projection.on(new MessageScannedEvent(ref, ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_VIRUS,
                ScanStatus.CLEAN)), List.of(), false, at(1), "Gr\u00fc\u00dfe aus K\u00f6ln",
                List.of(new io.bulwark.events.scan.AttachmentDescription("2", "a.pdf", "application/pdf", 12,
                        "ab".repeat(32)))), "scan-subject", T0);

        MessageTrackingView row = find(null, null, null, null, null).stream()
                .filter(r -> r.queueId().equals("Q1")).findFirst().orElseThrow();
        assertThat(row.subject()).isEqualTo("Gr\u00fc\u00dfe aus K\u00f6ln");
        assertThat(row.history()).filteredOn(h -> h.event().equals("MessageScanned")).singleElement()
                .satisfies(h -> assertThat(h.detail())
                        .contains("attachments: a.pdf (application/pdf, 12 bytes, sha256 " + "ab".repeat(32) + ")"));
    }

    @Test
    void aRevisionTwoScanLeavesTheSubjectEmpty() {
        scan("Q1", "Sales", ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN));
        assertThat(find(null, null, null, null, null).stream().filter(r -> r.queueId().equals("Q1")).findFirst()
                .orElseThrow().subject()).isNull();
    }

    @Test
    void filtersByModuleStatusRuleClientAndMessageId() {
        scan("Q1", "Sales", ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "Eicar"));
        scan("Q2", "Default", ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN));

        assertThat(queueIds(find("ANTI_VIRUS", "INFECTED", null, null, null))).containsExactly("Q1");
        assertThat(queueIds(find(null, "INFECTED", null, null, null))).containsExactly("Q1");
        assertThat(queueIds(find("ANTI_VIRUS", null, null, null, null))).containsExactly("Q2", "Q1");
        assertThat(queueIds(find("ANTI_SPAM", null, null, null, null))).isEmpty();
        assertThat(queueIds(find(null, null, "sal", null, null))).containsExactly("Q1");
        MessageTrackingView q3 = find(null, null, null, null, null).stream()
                .filter(r -> r.queueId().equals("Q3")).findFirst().orElseThrow();
        assertThat(queueIds(find(null, null, null, q3.clientAddress(), q3.messageId()))).contains("Q3");
        assertThat(queueIds(find(null, null, null, null, "no-such-id"))).isEmpty();
    }

    @Test
    void listsEveryMessageNewestFirstWithItsStatus() {
        List<MessageTrackingView> rows = find(null, null, null);
        assertThat(queueIds(rows)).containsExactly("Q5", "Q4", "Q3", "Q2", "Q1");
        assertThat(rows).extracting(MessageTrackingView::status)
                .containsExactly("REJECTED", "BOUNCED", "PARTIALLY_DELIVERED", "DELIVERED", "DELIVERED");
    }

    @Test
    void keepsTheEnvelopeAndTheHistoryOfAMessage() {
        MessageTrackingView q2 = find("carol", null, null).getFirst();
        assertThat(q2.messageId()).isEqualTo("Q2@mail.example.org");
        assertThat(q2.recipients()).containsExactly("dave@corp.example");
        assertThat(q2.sizeBytes()).isEqualTo(2048);
        assertThat(q2.clientAddress()).isEqualTo("198.51.100.7");
        assertThat(q2.nodeId()).isEqualTo("node-1");
        assertThat(q2.receivedAt()).isEqualTo(at(10));
        assertThat(q2.updatedAt()).isEqualTo(at(312));
        assertThat(q2.history()).extracting(MessageTrackingView.HistoryEntry::event).containsExactly(
                "MessageReceived", "MessageQueued", "DeliveryDeferred", "MessageQueued", "MessageDelivered");
        assertThat(q2.history().get(2).detail()).contains("451 4.3.0 Try again later");
    }

    @Test
    void filtersBySenderSubstringIgnoringCase() {
        assertThat(queueIds(find("ALICE@", null, null))).containsExactly("Q1");
    }

    @Test
    void filtersByAnyRecipient() {
        assertThat(queueIds(find(null, "grace", null))).containsExactly("Q3");
        assertThat(queueIds(find(null, "corp.example", null))).containsExactly("Q4", "Q3", "Q2", "Q1");
    }

    @Test
    void treatsFilterTextLiterallyNotAsARegularExpression() {
        assertThat(find("alice.example", null, null)).isEmpty();
        assertThat(find(".*", null, null)).isEmpty();
        assertThat(queueIds(find(null, "(", null))).isEmpty();
    }

    @Test
    void filtersByStatus() {
        assertThat(queueIds(find(null, null, "DELIVERED"))).containsExactly("Q2", "Q1");
    }

    @Test
    void filtersByReceivedTimeFromInclusiveToExclusive() {
        List<MessageTrackingView> rows = projection.find(new FindMessagesQuery(null, null, null, at(10), at(30), 0));
        assertThat(queueIds(rows)).containsExactly("Q3", "Q2");
    }

    @Test
    void returnsAtMostTheLimit() {
        assertThat(queueIds(projection.find(new FindMessagesQuery(null, null, null, null, null, 2))))
                .containsExactly("Q5", "Q4");
    }

    @Test
    void aRedeliveredEventDoesNotDuplicateHistory() {
        Document before = database.getCollection(MessageTrackingProjection.COLLECTION).find(new Document("_id", "Q1"))
                .first();
        MessageEvent first = RecordedMessageEvents.day().getFirst();
        projection.on(first, "event-0", T0);
        Document after = database.getCollection(MessageTrackingProjection.COLLECTION).find(new Document("_id", "Q1"))
                .first();
        assertThat(after).isEqualTo(before);
        assertThat(find("alice", null, null).getFirst().history()).hasSize(3);
    }

    @Test
    void aRejectionAtRcptIsItsOwnMessage() {
        MessageTrackingView rejected = find("spammer", null, null).getFirst();
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.receivedAt()).isEqualTo(at(40));
        assertThat(rejected.history().getFirst().detail()).contains("RCPT").contains("Relay access denied");
    }

    @Test
    void resetEmptiesTheProjection() {
        projection.reset();
        assertThat(find(null, null, null)).isEmpty();
        projection.on(new MessageReceivedEvent(RecordedMessageEvents.ref("Q7", "x@example.com", "y@corp.example"),
                "h", null, null, "00", at(50)), "event-x", T0);
        assertThat(queueIds(find(null, null, null))).containsExactly("Q7");
    }
}
