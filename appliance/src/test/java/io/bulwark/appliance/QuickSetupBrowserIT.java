package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Issue 16's "done when", in a real browser against the appliance jar as a new administrator finds
 * it (no routing properties, a generated password): sign in with the generated password, change it,
 * run the Quick Setup Wizard behind an edge gateway with recipient verification, and mail to the new
 * relay domain is accepted (its recipient verified by the mail server, a loopback SMTP sink) and
 * delivered without a restart; the event history has each step, the dashboard and
 * {@code /actuator/prometheus} count the message; a HelpDesk account holds and releases a queued
 * message but may not edit a rule.
 */
class QuickSetupBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHOSEN = "correct horse battery staple 2026";
    private static final String DOMAIN = "wizard.example";

    @TempDir
    Path dataDir;

    @Test
    void aNewAdministratorSetsUpTheGatewayWithTheWizardAndMailFlowsWithoutARestart() throws Exception {
        try (SmtpSink mailServer = SmtpSink.start();
                ApplianceProcess appliance = ApplianceProcess.unconfigured(dataDir);
                HeadlessChromium chromium = HeadlessChromium.start()) {
            appliance.start();
            WebDriver browser = chromium.browser;
            String base = ConsoleHttps.base(appliance.httpPort);
            try {
                // the generated password is in a file only its owner can read, not in the log
                Path file = dataDir.resolve("initial-admin-password");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                String generated = Files.readString(file).strip();
                assertThat(appliance.log()).doesNotContain(generated);
                // before the wizard nobody outside may send to the domain
                assertThat(sendTo("early@" + DOMAIN, appliance)).startsWith("5");

                chromium.logIn(base, "admin", generated);
                chromium.waitForId("password-current");
                chromium.type("#password-current input", generated);
                chromium.type("#password-new input", CHOSEN);
                chromium.type("#password-repeat input", CHOSEN);
                browser.findElement(By.id("password-save")).click();
                chromium.wait.until(d -> d.findElement(By.id("password-status")).getText().equals("Password changed"));

                // the home page of an unconfigured gateway is the wizard
                browser.get(base + "/");
                chromium.waitForId("setup-mode");
                browser.findElement(By.xpath("//vaadin-radio-button[contains(., 'with SMTP recipient verification')]")).click();
                next(chromium, "relay_domains");
                chromium.type("#setup-field textarea", DOMAIN);
                next(chromium, "transport_map");
                chromium.type("#setup-field textarea", DOMAIN + " [127.0.0.1]:" + mailServer.port());
                next(chromium, "relayhost");
                assertThat(browser.findElement(By.id("setup-checks")).getText()).contains("✔ [127.0.0.1]:" + mailServer.port());
                // the edge gateway: another loopback address, trusted; this test's client (127.0.0.1) is not
                chromium.type("#setup-field textarea", "[127.0.0.2]:" + SmtpSink.freePort());
                next(chromium, "mynetworks");
                chromium.type("#setup-field textarea", "127.0.0.2");
                next(chromium, "Summary");
                assertThat(browser.findElement(By.id("setup-summary")).getText())
                        .contains("Relay domains: [] → [" + DOMAIN + "]", "Recipient verification: [] → [" + DOMAIN + "]");
                browser.findElement(By.id("setup-apply")).click();
                chromium.wait.until(d -> d.findElement(By.id("setup-status")).getText().startsWith("Applied"));

                // no restart: the running gateway accepts and delivers mail for the new domain
                appliance.signInAs("admin", CHOSEN);
                String messageId = "wizard-" + System.nanoTime() + "@client.test";
                Awaitility.await("mail to " + DOMAIN + " accepted").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> sendTo("user@" + DOMAIN, appliance, messageId).startsWith("250"));
                Awaitility.await("delivered to the mail server").atMost(Duration.ofSeconds(60))
                        .until(() -> mailServer.received().stream().anyMatch(r -> ("<" + messageId + ">")
                                .equals(r.header("Message-ID"))));

                // every step is in the event history
                List<String> types = eventTypes(appliance);
                assertThat(types).contains("AdminPasswordChangedEvent", "RoutingSettingsChangedEvent",
                        "MessageReceivedEvent", "MessageDeliveredEvent");
                assertThat(types.stream().filter("RoutingSettingsChangedEvent"::equals).count()).isEqualTo(1);

                // the dashboard shows it (refreshing itself: the tracking projection may lag behind)
                browser.get(base + "/");
                chromium.waitForId("flow-hour-delivered");
                chromium.wait.until(d -> !"0".equals(d.findElement(By.id("flow-hour-delivered")).getText()));
                assertThat(browser.findElement(By.id("flow-hour-received")).getText()).isNotEqualTo("0");

                // /actuator/prometheus counts it
                assertThat(counter(appliance.get("/actuator/prometheus").body(), "delivered")).isGreaterThanOrEqualTo(1);

                helpDeskReleasesButCannotEditARule(appliance, mailServer);
            } finally {
                chromium.evidence("quick-setup");
            }
        }
    }

    private static void next(HeadlessChromium chromium, String step) {
        chromium.browser.findElement(By.id("setup-next")).click();
        chromium.wait.until(d -> d.findElement(By.id("setup-step")).getText().contains(step));
    }

    private void helpDeskReleasesButCannotEditARule(ApplianceProcess appliance, SmtpSink mailServer) throws Exception {
        assertThat(appliance.call("POST", "/api/v1/accounts", "admin", CHOSEN,
                "{\"username\":\"desk\",\"role\":\"HELPDESK\",\"password\":\"helpful first secret 1\"}").statusCode())
                .isEqualTo(201);
        assertThat(appliance.call("POST", "/api/v1/accounts/desk/password", "desk", "helpful first secret 1",
                "{\"currentPassword\":\"helpful first secret 1\",\"newPassword\":\"helpful own secret 22\"}").statusCode())
                .isLessThan(300);

        // sending paused by the administrator: the next message waits in the queue
        assertThat(appliance.call("POST", "/api/v1/nodes/it-node/sending", "admin", CHOSEN, "{\"enabled\":false}")
                .statusCode()).isLessThan(300);
        String messageId = "queued-" + System.nanoTime() + "@client.test";
        assertThat(sendTo("user@" + DOMAIN, appliance, messageId)).startsWith("250");
        String queueId = Awaitility.await("queued").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode rows = JSON.readTree(appliance.call("GET", "/api/v1/queue", "desk", "helpful own secret 22", null)
                    .body());
            for (JsonNode row : rows) {
                if (row.path("messageId").asText().contains(messageId)) {
                    return row.path("queueId").asText();
                }
            }
            return null;
        }, id -> id != null);
        for (String action : List.of("HOLD", "RELEASE")) {
            assertThat(appliance.call("POST", "/api/v1/queue/actions", "desk", "helpful own secret 22",
                    "{\"action\":\"" + action + "\",\"queueIds\":[\"" + queueId + "\"]}").statusCode())
                    .as(action).isLessThan(300);
        }
        assertThat(appliance.call("PUT", "/api/v1/rules/Default", "desk", "helpful own secret 22", "{}").statusCode())
                .isEqualTo(403);
        assertThat(appliance.call("POST", "/api/v1/nodes/it-node/sending", "admin", CHOSEN, "{\"enabled\":true}")
                .statusCode()).isLessThan(300);
        Awaitility.await("the released message delivered").atMost(Duration.ofSeconds(60))
                .until(() -> mailServer.received().stream().anyMatch(r -> ("<" + messageId + ">")
                        .equals(r.header("Message-ID"))));
        assertThat(eventTypes(appliance)).contains("QueueActionRequestedEvent");
    }

    private static String sendTo(String recipient, ApplianceProcess appliance) throws Exception {
        return sendTo(recipient, appliance, "probe-" + System.nanoTime() + "@client.test");
    }

    private static String sendTo(String recipient, ApplianceProcess appliance, String messageId) throws Exception {
        try (SmtpClient client = new SmtpClient(appliance.smtpPort)) {
            client.command("EHLO client.test");
            return client.send("sender@sender.test", List.of(recipient),
                    SmtpClient.message("sender@sender.test", recipient, messageId, "after the wizard"));
        }
    }

    /** Simple names of every event type in the history, in order. */
    private static List<String> eventTypes(ApplianceProcess appliance) throws Exception {
        List<String> types = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode events = JSON.readTree(appliance.get("/api/v1/events?after=" + after + "&limit=500").body())
                    .path("events");
            if (events.isEmpty()) {
                return types;
            }
            for (JsonNode e : events) {
                after = Math.max(after, e.path("globalIndex").asLong());
                String type = e.path("type").asText();
                types.add(type.substring(type.lastIndexOf('.') + 1));
            }
        }
    }

    private static double counter(String prometheus, String disposition) {
        Matcher m = Pattern.compile("^bulwark_messages_total\\{[^}]*disposition=\"" + disposition + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
