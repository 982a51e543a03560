package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipient verification by a callout to the relay domain's next hop, at RCPT time. */
class RecipientVerificationTest {
    @TempDir
    Path data;

    @Test
    void unknownRecipientsAreRefusedAtRcptKnownOnesAcceptedAndVerdictsCached() throws Exception {
        int down = TestGateway.reservePort();
        try (SinkServer inside = SinkServer.start(0)
                        .refuse("nobody@dest.test", "550 5.1.1 no such user")
                        .refuse("busy@dest.test", "451 4.3.0 try later");
                TestGateway gateway = TestGateway.start(data, "bulwark.smtp.tls=off",
                        "bulwark.routing.relay-domains=dest.test,down.test,plain.test",
                        "bulwark.routing.verify-recipients=dest.test,down.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + inside.port(),
                        "bulwark.routing.transport-map.down.test=[127.0.0.1]:" + down,
                        "bulwark.routing.transport-map.plain.test=[127.0.0.1]:" + inside.port());
                SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@sender.test>");
            assertThat(client.command("RCPT TO:<nobody@dest.test>")).isEqualTo(
                    "550 5.1.1 <nobody@dest.test>: Recipient address rejected: undeliverable address: "
                            + "550 5.1.1 no such user");
            assertThat(client.command("RCPT TO:<bob@dest.test>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("RCPT TO:<busy@dest.test>")).startsWith(
                    "450 4.1.1 <busy@dest.test>: Recipient address rejected: unverified address: 451 4.3.0");
            assertThat(client.command("RCPT TO:<anyone@down.test>")).startsWith(
                    "450 4.1.1 <anyone@down.test>: Recipient address rejected: unverified address: 4.4.1 connect to");
            assertThat(client.command("RCPT TO:<nobody@plain.test>")).isEqualTo("250 2.1.5 Ok"); // not verified

            // Cached: refused and accepted addresses are not probed again; temporary failures are.
            assertThat(client.command("RCPT TO:<NOBODY@dest.test>")).startsWith("550 5.1.1");
            assertThat(client.command("RCPT TO:<bob@dest.test>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("RCPT TO:<busy@dest.test>")).startsWith("450 4.1.1");
            assertThat(inside.rcptCount("nobody@dest.test")).isEqualTo(1);
            assertThat(inside.rcptCount("bob@dest.test")).isEqualTo(1);
            assertThat(inside.rcptCount("busy@dest.test")).isEqualTo(2);
            assertThat(inside.messages()).isEmpty(); // probes never send DATA
            assertThat(gateway.events().payloads(MessageRejectedEvent.class))
                    .extracting(MessageRejectedEvent::reply).anyMatch(r -> r.startsWith("550 5.1.1 <nobody@dest.test>"));
        }
    }
}
