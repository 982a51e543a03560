package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A report goes out by mail through the gateway itself (issue 14, ADR 0027): created through the
 * API for yesterday with a recipient in a relay domain, it is submitted to this appliance's own
 * SMTP listener (bound to an ephemeral port here, found through {@code local.smtp.port}), queued,
 * tracked and delivered to the relayhost with the PDF attached, like any other message.
 */
class ReportMailIT extends ApplianceTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReportForYesterdayArrivesAtTheRelayhostWithItsPdfThroughTheGateway() throws Exception {
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant yesterday = today.minus(Duration.ofDays(1));
        String recipient = "reports-" + System.nanoTime() + "@example.com";
        JsonNode created = JSON.readTree(api("POST", "/api/v1/reports", JSON.writeValueAsString(
                java.util.Map.of("from", yesterday.toString(), "to", today.toString(), "recipients", List.of(recipient))),
                201));
        String id = created.path("id").asText();
        assertThat(id).isNotBlank();

        Awaitility.await("the report mail at the relayhost").atMost(Duration.ofSeconds(60))
                .until(() -> NEXT_HOP.received().stream().anyMatch(r -> recipient.equals(r.to())));
        SmtpSink.Received mail = NEXT_HOP.received().stream().filter(r -> recipient.equals(r.to())).findFirst()
                .orElseThrow();
        // through the gateway: its own Received line and trace, then the report with its PDF
        assertThat(mail.data()).startsWith("Received: from ").contains("Bulwark")
                .contains("application/pdf").contains(id);
        assertThat(mail.header("Subject")).contains("Bulwark report");

        // and message tracking knows it, as any message through this node
        Awaitility.await("tracking shows the report mail delivered").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    JsonNode rows = JSON.readTree(api("GET", "/api/v1/messages?recipient=" + recipient, null, 200));
                    assertThat(rows.findValuesAsText("status")).contains("DELIVERED");
                });
    }
}
