package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.policy.GatewayPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rules end to end: an administrator changes the Default rule over the REST API, and the very next
 * message is judged by the change. EICAR under "Reject" gets a 5xx at DATA and an event naming the
 * status and reason; under "Delete attachment" the recipient gets the notice instead of the file,
 * the original is in Backup, and "deliver again" brings the original to the recipient.
 *
 * <p>"Next message" is made deterministic by waiting until the gateway's own policy (the bean the
 * DATA stage reads) shows the change before sending; in one JVM that takes milliseconds, the event
 * store wakes the gateway's processor as soon as the admin's command has stored its event.
 */
class RulesFlowIT extends ApplianceTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Assembled at run time so that no file on disk is the test virus. */
    private static final String EICAR = String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
            "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    @Autowired
    GatewayPolicy gatewayPolicy;

    private JsonNode originalDefault;

    @AfterEach
    void restoreTheDefaultRule() throws Exception {
        if (originalDefault != null) {
            send("PUT", "/api/v1/rules/Default", originalDefault.toString(), 200);
        }
    }

    @Test
    void aRuleChangeDecidesTheNextMessageFromRejectToDeleteAttachmentWithBackup() throws Exception {
        originalDefault = JSON.readTree(send("GET", "/api/v1/rules/Default", null, 200)).path("definition");

        // 1. Anti-virus INFECTED -> Reject
        setInfectedAction("REJECT", false, "");
        awaitGatewaySees(Action.REJECT);
        String rejectedId = "eicar-reject@client.test";
        String rejectReply;
        try (SmtpClient client = new SmtpClient(smtpPort())) {
            client.command("EHLO client.test");
            rejectReply = client.send("alice@sender.test", List.of("bob@example.com"), eicarMessage(rejectedId));
        }
        assertThat(rejectReply).startsWith("550 5.7.1").contains("ANTI_VIRUS INFECTED");
        Awaitility.await("rejection with status and reason in the audit stream").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    List<JsonNode> events = eventsFor(rejectedId);
                    assertThat(events).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).endsWith("MessageRejectedEvent");
                        assertThat(e.path("payload").path("stage").asText()).isEqualTo("DATA");
                        assertThat(e.path("payload").path("reply").asText()).isEqualTo(rejectReply);
                    });
                    assertThat(events).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).endsWith("MessageScannedEvent");
                        JsonNode verdict = null;
                        for (JsonNode v : e.path("payload").path("report").path("verdicts")) {
                            verdict = "ANTI_VIRUS".equals(v.path("module").asText()) ? v : verdict;
                        }
                        assertThat(verdict).as("the anti-virus verdict").isNotNull();
                        assertThat(verdict.path("status").asText()).isEqualTo("INFECTED");
                        assertThat(verdict.path("reasons").toString()).contains("EICAR");
                    });
                });
        assertThat(NEXT_HOP.received()).noneMatch(r -> ("<" + rejectedId + ">").equals(r.header("Message-ID")));

        // 2. The same status -> Delete attachment, with a Backup copy
        setInfectedAction("DELETE_ATTACHMENT", true, "[Infected]");
        awaitGatewaySees(Action.DELETE_ATTACHMENT);
        String cleanedId = "eicar-clean@client.test";
        String reply;
        try (SmtpClient client = new SmtpClient(smtpPort())) {
            client.command("EHLO client.test");
            reply = client.send("alice@sender.test", List.of("bob@example.com"), eicarMessage(cleanedId));
        }
        assertThat(reply).startsWith("250 2.0.0");
        String queueId = reply.substring(reply.lastIndexOf(' ') + 1);
        Awaitility.await("cleaned message at the relayhost").atMost(Duration.ofSeconds(30))
                .until(() -> arrivals(cleanedId).size() == 1);
        SmtpSink.Received cleaned = arrivals(cleanedId).getFirst();
        assertThat(cleaned.to()).isEqualTo("bob@example.com");
        assertThat(cleaned.header("Subject")).isEqualTo("[Infected] invoice");
        assertThat(cleaned.header("X-Bulwark-AntiVirus")).isEqualTo("INFECTED");
        assertThat(cleaned.data()).contains("The attachment eicar.com was removed from this message by the mail gateway.")
                .doesNotContain(base64(EICAR)).contains("Please find the invoice attached.");

        // 3. The original is in Backup, and can be delivered again from there
        String backupId = queueId + ".b";
        Awaitility.await("the copy listed in Backup").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(JSON.readTree(send("GET", "/api/v1/backup?recipient=bob@example.com",
                        null, 200)).findValuesAsText("backupId")).contains(backupId));
        JsonNode details = JSON.readTree(send("GET", "/api/v1/backup/" + backupId, null, 200));
        assertThat(details.path("copy").path("triggers").get(0).path("status").asText()).isEqualTo("INFECTED");

        send("POST", "/api/v1/backup/" + backupId + "/deliver", null, 202);
        Awaitility.await("the original delivered again").atMost(Duration.ofSeconds(30))
                .until(() -> arrivals(cleanedId).size() == 2);
        SmtpSink.Received again = arrivals(cleanedId).get(1);
        assertThat(again.to()).isEqualTo("bob@example.com");
        assertThat(again.from()).isEqualTo("alice@sender.test");
        assertThat(again.header("Subject")).isEqualTo("invoice");
        assertThat(again.data()).contains(base64(EICAR)).doesNotContain("X-Bulwark-AntiVirus");
    }

    private void setInfectedAction(String action, boolean backup, String tag) throws Exception {
        JsonNode current = JSON.readTree(send("GET", "/api/v1/rules/Default", null, 200)).path("definition");
        ObjectNode definition = current.deepCopy();
        ObjectNode infected = (ObjectNode) definition.path("modules").path("ANTI_VIRUS").path("actions")
                .path("INFECTED");
        infected.put("action", action).put("backupCopy", backup).put("subjectTag", tag);
        JsonNode answer = JSON.readTree(send("PUT", "/api/v1/rules/Default", definition.toString(), 200));
        assertThat(answer.path("definition").path("modules").path("ANTI_VIRUS").path("actions").path("INFECTED")
                .path("action").asText()).isEqualTo(action);
    }

    /** Waits until the policy the gateway's DATA stage reads has the Default rule's new INFECTED action. */
    private void awaitGatewaySees(Action action) {
        Awaitility.await("the gateway's policy has the change").atMost(Duration.ofSeconds(10))
                .until(() -> gatewayPolicy.snapshot().rules().stream().filter(r -> r.name().equals("Default"))
                        .map(RuleEntry::definition).findFirst().orElseThrow()
                        .module(ProtectionModule.ANTI_VIRUS).actionFor(ScanStatus.INFECTED).action() == action);
    }

    private static String eicarMessage(String messageId) {
        String boundary = "b-" + messageId.hashCode();
        return "From: <alice@sender.test>\r\nTo: <bob@example.com>\r\nSubject: invoice\r\nMessage-ID: <" + messageId
                + ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "Please find the invoice attached.\r\n"
                + "--" + boundary + "\r\nContent-Type: application/octet-stream; name=\"eicar.com\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"eicar.com\"\r\n\r\n"
                + base64(EICAR) + "\r\n--" + boundary + "--\r\n";
    }

    private static String base64(String text) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<SmtpSink.Received> arrivals(String messageId) {
        return NEXT_HOP.received().stream().filter(r -> ("<" + messageId + ">").equals(r.header("Message-ID")))
                .toList();
    }

    private List<JsonNode> eventsFor(String messageId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(send("GET", "/api/v1/events?after=" + after + "&limit=1000", null, 200));
            JsonNode events = page.path("events");
            if (events.isEmpty()) {
                return found;
            }
            for (JsonNode e : events) {
                if (messageId.equals(e.path("payload").path("message").path("messageId").asText())) {
                    found.add(e);
                }
            }
            after = page.path("next").asLong();
        }
    }

    private String send(String method, String path, String body, int expectedStatus) throws Exception {
        return api(method, path, body, expectedStatus);
    }
}
