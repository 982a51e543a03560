package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's promise, end to end over real sockets: a message for a relay domain gets
 * 250 and arrives at the relayhost; the audit stream shows received, queued and delivered events
 * carrying its Message-ID; message tracking shows it delivered; a non-relay recipient from an
 * untrusted client gets 550 5.7.1.
 */
class MailFlowIT extends ApplianceTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void relayedMessageReachesTheRelayhostAndEveryStepIsAnEvent() throws Exception {
        String messageId = "walking-skeleton-1@client.test";
        String reply;
        try (SmtpClient client = new SmtpClient(smtpPort())) {
            assertThat(client.greeting).startsWith("220").contains("Bulwark");
            String ehlo = client.command("EHLO client.test");
            assertThat(ehlo).contains("SIZE", "8BITMIME", "PIPELINING", "ENHANCEDSTATUSCODES");
            reply = client.send("alice@sender.test", List.of("someone@example.com"),
                    SmtpClient.message("alice@sender.test", "someone@example.com", messageId, "skeleton"));
        }
        assertThat(reply).startsWith("250 2.0.0");

        Awaitility.await("message at the relayhost").atMost(Duration.ofSeconds(30))
                .until(() -> NEXT_HOP.received().stream().anyMatch(r -> (("<" + messageId + ">").equals(r.header("Message-ID")))));
        SmtpSink.Received arrived = NEXT_HOP.received().stream()
                .filter(r -> ("<" + messageId + ">").equals(r.header("Message-ID"))).findFirst().orElseThrow();
        assertThat(arrived.to()).isEqualTo("someone@example.com");
        assertThat(arrived.from()).isEqualTo("alice@sender.test");
        assertThat(arrived.data()).startsWith("Received: from client.test").contains("Bulwark")
                .contains("\r\n.a line that starts with a dot\r\n");

        Awaitility.await("received, queued and delivered in the audit stream").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(eventTypesFor(messageId))
                        .contains("MessageReceivedEvent", "MessageQueuedEvent", "MessageDeliveredEvent"));

        Awaitility.await("message tracking shows it delivered").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    JsonNode rows = JSON.readTree(get("/api/v1/messages?recipient=someone@example.com").body());
                    assertThat(rows.findValuesAsText("messageId")).contains(messageId);
                    for (JsonNode row : rows) {
                        if (messageId.equals(row.path("messageId").asText())) {
                            assertThat(row.path("status").asText()).isEqualTo("DELIVERED");
                            assertThat(row.path("clientAddress").asText()).isEqualTo("127.0.0.1");
                            assertThat(row.path("nodeId").asText()).isEqualTo("it-node");
                        }
                    }
                });
    }

    @Test
    void jakartaMailClientCanRelayThroughTheGateway() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort()));
        props.put("mail.smtp.localhost", "jakarta.client.test");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("carol@sender.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("dave@example.com"));
        message.setSubject("sent with Jakarta Mail");
        message.setText("body", "UTF-8");
        Transport.send(message);
        String messageId = message.getMessageID();   // send() assigns it (saveChanges)

        Awaitility.await("Jakarta Mail message at the relayhost").atMost(Duration.ofSeconds(30))
                .until(() -> NEXT_HOP.received().stream().anyMatch(r -> messageId.equals(r.header("Message-ID"))));
    }

    @Test
    void nonRelayRecipientFromUntrustedClientIsRefusedAndRecorded() throws Exception {
        try (SmtpClient client = new SmtpClient(smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<mallory@sender.test>")).startsWith("250");
            assertThat(client.command("RCPT TO:<victim@elsewhere.test>")).startsWith("550 5.7.1");
        }
        Awaitility.await("refusal in the audit stream").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(allEvents()).anySatisfy(e -> {
                    assertThat(e.path("type").asText()).endsWith("MessageRejectedEvent");
                    assertThat(e.path("payload").path("message").path("recipients").toString())
                            .contains("victim@elsewhere.test");
                }));
    }

    private List<String> eventTypesFor(String messageId) throws Exception {
        List<String> types = new ArrayList<>();
        for (JsonNode e : allEvents()) {
            if (messageId.equals(e.path("payload").path("message").path("messageId").asText())) {
                String type = e.path("type").asText();
                types.add(type.substring(type.lastIndexOf('.') + 1));
            }
        }
        return types;
    }

    private List<JsonNode> allEvents() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(get("/api/v1/events?after=" + after + "&limit=1000").body());
            JsonNode events = page.path("events");
            if (events.isEmpty()) {
                return all;
            }
            events.forEach(all::add);
            after = page.path("next").asLong();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ConsoleHttps.base(httpPort) + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        try (HttpClient client = ConsoleHttps.client(dataDir())) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response;
        }
    }
}
