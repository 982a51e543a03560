package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.gateway.policy.GatewayPolicy;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12's custom DNS lists end to end: an administrator adds an address list over
 * {@code /api/v1/antispam/lists}, the gateway takes it for the next message without a restart, and
 * a message relayed through a host that the loopback DNS server lists in that zone gets the
 * BLACKLISTED status with the list's symbol, over real SMTP, in the delivered headers and in the
 * {@code MessageScannedEvent} of the audit stream.
 */
class AntiSpamListsIT extends ApplianceTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    static {
        // the relay 192.0.2.99 is listed by the zone the test adds through the API
        DNS.a("99.2.0.192.api.bl.test", "127.0.0.2");
    }

    @Autowired
    GatewayPolicy gatewayPolicy;

    @Test
    void aListAddedThroughTheApiMakesAListedRelayBlacklistedWithItsSymbol() throws Exception {
        JsonNode answer = JSON.readTree(send("POST", "/api/v1/antispam/lists", """
                {"symbol": "RBL_API", "kind": "DNSBL", "zone": "api.bl.test",
                 "codes": {"127.0.0.2": "spam source"}, "weight": 30}""", 200));
        assertThat(answer.path("configured").asBoolean()).isTrue();
        assertThat(answer.path("lists").findValuesAsText("symbol")).contains("RBL_API");
        Awaitility.await("the gateway has the list").atMost(Duration.ofSeconds(10))
                .until(() -> gatewayPolicy.dnsLists().lists().stream().anyMatch(l -> l.symbol().equals("RBL_API")));

        String messageId = "dnsbl-api@client.test";
        String reply;
        try (SmtpClient client = new SmtpClient(smtpPort())) {
            client.command("EHLO client.test");
            reply = client.send("alice@sender.test", List.of("bob@example.com"),
                    "Received: from relay.example.org (relay.example.org [192.0.2.99]) by edge.client.test;"
                            + " Sat, 5 Dec 2026 03:00:01 +0000\r\nFrom: <alice@sender.test>\r\nTo: <bob@example.com>\r\n"
                            + "Date: Sat, 5 Dec 2026 03:00:00 +0000\r\n"
                            // a well-formed message: only the listing counts (a missing Date would add
                            // a rule's weight and, with the listing's 30, reach probable spam, which
                            // ranks before blacklisted)
                            + "Subject: minutes\r\nMessage-ID: <" + messageId + ">\r\n\r\nThe minutes of Tuesday.\r\n");
        }
        assertThat(reply).startsWith("250");
        Awaitility.await("the message at the next hop").atMost(Duration.ofSeconds(30))
                .until(() -> NEXT_HOP.received().stream().anyMatch(r -> ("<" + messageId + ">").equals(r.header("Message-ID"))));
        SmtpSink.Received delivered = NEXT_HOP.received().stream()
                .filter(r -> ("<" + messageId + ">").equals(r.header("Message-ID"))).findFirst().orElseThrow();
        assertThat(delivered.header("X-Bulwark-AntiSpam")).isEqualTo("BLACKLISTED");
        assertThat(delivered.header("Subject")).isEqualTo("[Blacklisted] minutes");

        JsonNode verdict = antiSpamVerdict(messageId);
        assertThat(verdict.path("status").asText()).isEqualTo("BLACKLISTED");
        assertThat(verdict.path("symbols").findValuesAsText("name")).contains("RBL_API");
        assertThat(verdict.path("reasons").toString()).contains("listed by api.bl.test: spam source");

        send("DELETE", "/api/v1/antispam/lists/RBL_API", null, 200);
    }

    private JsonNode antiSpamVerdict(String messageId) throws Exception {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await("the scan in the audit stream").atMost(Duration.ofSeconds(30)).until(() -> {
            long after = 0;
            while (true) {
                JsonNode page = JSON.readTree(send("GET", "/api/v1/events?after=" + after + "&limit=1000", null, 200));
                if (page.path("events").isEmpty()) {
                    return false;
                }
                for (JsonNode e : page.path("events")) {
                    if (e.path("type").asText().endsWith("MessageScannedEvent")
                            && messageId.equals(e.path("payload").path("message").path("messageId").asText())) {
                        for (JsonNode v : e.path("payload").path("report").path("verdicts")) {
                            if ("ANTI_SPAM".equals(v.path("module").asText())) {
                                found[0] = v;
                                return true;
                            }
                        }
                    }
                }
                after = page.path("next").asLong();
            }
        });
        return found[0];
    }

    private String send(String method, String path, String body, int expectedStatus) throws Exception {
        return api(method, path, body, expectedStatus);
    }
}
