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
    private static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("bulwark-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void applianceProperties(DynamicPropertyRegistry registry) {
        registry.add("bulwark.data-dir", DATA_DIR::toString);
        registry.add("bulwark.node-id", () -> "it-node");
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
}
