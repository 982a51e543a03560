package io.bulwark.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A routing change recorded from the console reaches a running gateway: the next RCPT is admitted by
 * the new relay domains and the next delivery goes to the new next hop, with no restart. The test
 * feeds the event into the policy as the node's tracking processor does.
 */
class RoutingChangeOverSmtpTest {
    private static final String MESSAGE = "From: a@sender.test\r\nTo: b@new.test\r\nSubject: routed\r\n\r\nhello\r\n.\r\n";

    @TempDir
    Path data;

    @Test
    void aRecordedRoutingChangeAppliesToTheNextConnectionAndDelivery() throws Exception {
        try (SinkServer oldHop = SinkServer.start(0); SinkServer newHop = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=old.test",
                        "bulwark.routing.relayhost=[127.0.0.1]:" + oldHop.port())) {
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                client.command("EHLO client.test");
                client.command("MAIL FROM:<a@sender.test>");
                assertThat(client.command("RCPT TO:<b@new.test>")).contains("Relay access denied");
            }

            RoutingSettings start = gateway.bean(LiveRouting.class).settings();
            RoutingSettings changed = new RoutingSettings(List.of("old.test", "new.test"), List.of(), null,
                    Map.of("new.test", "[127.0.0.1]:" + newHop.port()), List.of());
            assertThat(gateway.policy().apply(new RoutingSettingsChangedEvent(start, changed, "alice", Instant.now()), 0))
                    .isEqualTo(GatewayPolicy.Applied.APPLIED);

            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("a@sender.test", "b@new.test", MESSAGE)).startsWith("250");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> newHop.messages().size() == 1);
            assertThat(newHop.messages().getFirst().recipients()).containsExactly("b@new.test");
            assertThat(oldHop.messages()).isEmpty();
        }
    }
}
