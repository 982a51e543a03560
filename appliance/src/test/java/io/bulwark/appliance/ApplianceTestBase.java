package io.bulwark.appliance;

import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole appliance in the test JVM (SMTP, store, admin backend, console on random ports) with a
 * real SMTP sink as its relayhost. Subclasses share one application context.
 */
@SpringBootTest(classes = BulwarkApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApplianceTestBase {
    static final String PASSWORD = "in-process-secret";
    static final SmtpSink NEXT_HOP = SmtpSink.start();
    /**
     * The DNS of every in-process IT: one loopback server, so that the subclasses share one context
     * (a subclass with properties of its own would start a second appliance on the same store file).
     * A test adds the records it needs with {@code DNS.a(...)}.
     */
    static final io.bulwark.scan.dns.testing.LoopbackDnsServer DNS;
    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("bulwark-it-");
            DNS = new io.bulwark.scan.dns.testing.LoopbackDnsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void applianceProperties(DynamicPropertyRegistry registry) {
        registry.add("bulwark.data-dir", DATA_DIR::toString);
        registry.add("bulwark.node-id", () -> "it-node");
        registry.add("bulwark.dns.servers", DNS::address);
        registry.add("bulwark.smtp.port", () -> "0");
        registry.add("bulwark.smtp.bind-address", () -> "127.0.0.1");
        registry.add("bulwark.routing.relay-domains", () -> "example.com");
        registry.add("bulwark.routing.relayhost", () -> "[127.0.0.1]:" + NEXT_HOP.port());
        registry.add("bulwark.admin.initial-password", () -> PASSWORD);
        registry.add("bulwark.delivery.retry-initial", () -> "200ms");
        registry.add("bulwark.delivery.retry-max", () -> "1s");
    }

    @Autowired
    SmtpServerLifecycle smtp;

    @LocalServerPort
    int httpPort;

    /** The appliance's data directory (where its console certificate is generated). */
    static Path dataDir() {
        return DATA_DIR;
    }

    int smtpPort() {
        return smtp.getPort();
    }

    /**
     * Calls the REST API as the administrator and checks the status; returns the body. A call
     * without a JSON body says it comes from a script ({@code X-Requested-With}), as the CSRF
     * defence asks.
     */
    String api(String method, String path, String body, int expectedStatus) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(ConsoleHttps.base(httpPort) + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("admin:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        } else {
            request.header("X-Requested-With", getClass().getSimpleName());
        }
        try (java.net.http.HttpClient client = ConsoleHttps.client(dataDir())) {
            java.net.http.HttpResponse<String> response = client.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(response.statusCode())
                    .as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
            return response.body();
        }
    }
}
