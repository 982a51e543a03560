package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing answered 250 is ever lost": the appliance accepts mail while its next hop is down, is
 * killed with SIGKILL, restarts on the same data directory, and then delivers every message, with
 * every received and delivered event in the audit stream.
 */
class KillNineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void everyMessageAnswered250SurvivesKillNineAndIsDeliveredAfterRestart() throws Exception {
        int nextHopPort = SmtpSink.freePort();
        List<String> accepted = new ArrayList<>();
        try (ApplianceProcess appliance = new ApplianceProcess(dataDir, nextHopPort, List.of())) {
            appliance.start();
            try (SmtpClient client = new SmtpClient(appliance.smtpPort)) {
                client.command("EHLO client.test");
                for (int i = 0; i < 25; i++) {
                    String messageId = "kill9-" + i + "@client.test";
                    String reply = client.send("alice@sender.test", List.of("bob" + i + "@example.com"),
                            SmtpClient.message("alice@sender.test", "bob" + i + "@example.com", messageId, "kill -9 " + i));
                    assertThat(reply).startsWith("250");
                    accepted.add(messageId);
                }
            }
            appliance.kill();

            try (SmtpSink nextHop = SmtpSink.startOn(nextHopPort)) {
                appliance.start();
                Awaitility.await("all accepted messages delivered after restart")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> deliveredIds(nextHop).containsAll(accepted));
                assertThat(deliveredIds(nextHop)).containsExactlyInAnyOrderElementsOf(accepted);

                Awaitility.await("received and delivered events for every message")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            Set<String> received = messageIdsOfEvents(appliance, "MessageReceivedEvent");
                            Set<String> delivered = messageIdsOfEvents(appliance, "MessageDeliveredEvent");
                            assertThat(received).containsAll(accepted);
                            assertThat(delivered).containsAll(accepted);
                        });
            }
        }
    }

    private static Set<String> deliveredIds(SmtpSink sink) {
        return sink.received().stream()
                .map(r -> r.header("Message-ID"))
                .filter(id -> id != null)
                .map(id -> id.replaceAll("[<>]", ""))
                .collect(Collectors.toSet());
    }

    /** Message-IDs of all events of one type in the audit stream, following the cursor to the end. */
    static Set<String> messageIdsOfEvents(ApplianceProcess appliance, String simpleType) throws Exception {
        Set<String> ids = new HashSet<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(appliance.get("/api/v1/events?after=" + after + "&limit=500").body());
            JsonNode events = page.path("events");
            if (events.isEmpty()) {
                return ids;
            }
            for (JsonNode e : events) {
                after = Math.max(after, e.path("globalIndex").asLong());
                if (e.path("type").asText().endsWith("." + simpleType)) {
                    ids.add(e.path("payload").path("message").path("messageId").asText());
                }
            }
        }
    }
}
