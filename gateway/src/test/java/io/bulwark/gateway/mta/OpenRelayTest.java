package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-relay battery: address tricks from an untrusted client (loopback, not in mynetworks)
 * against a gateway that relays only for {@code dest.test}. A catch-all relayhost stands for "the
 * rest of the Internet": it must never receive anything. Postmaster addresses and our own domain
 * in other spellings are accepted, and must arrive at our own next hop only.
 */
class OpenRelayTest {
    /** RCPT TO arguments that try to reach a foreign destination; none may be accepted. */
    static final List<String> TRICKS = List.of(
            "<victim@elsewhere.test>",
            "<victim%elsewhere.test@dest.test>",
            "<elsewhere.test!victim@dest.test>",
            "<dest.test!elsewhere.test!victim@dest.test>",
            "<victim@elsewhere.test@dest.test>",
            "<\"victim@elsewhere.test\"@dest.test>",
            "<\"victim%elsewhere.test\"@dest.test>",
            "<\"victim\"@elsewhere.test>",
            "<@dest.test:victim@elsewhere.test>",
            "<@dest.test,@relay.test:victim@elsewhere.test>",
            "<victim@[192.0.2.1]>",
            "<victim@[127.0.0.1]>",
            "<victim@[IPv6:::1]>",
            "<victim@[dest.test]>",
            "<victim@127.0.0.1>",
            "<victim@elsewhere.test.>",
            "<victim@dest.test.elsewhere.test>",
            "<victim@sub.dest.test>",
            "<victim@ElseWhere.TEST>",
            "<victim@dest\u3002test>",
            "<victim@d\u0435st.test>",
            "<v\u00efctim@elsewhere.test>",
            "<victim@dest.test%elsewhere.test>",
            "<victim@dest.test:25>",
            "<victim@localhost>",
            "<victim@gw.test>",
            "<postmaster@elsewhere.test>",
            "<postmaster%elsewhere.test@dest.test>",
            "<elsewhere.test!victim>",
            "<victim%elsewhere.test>",
            "<\"victim@elsewhere.test\">",
            "victim@elsewhere.test",
            "<victim@elsewhere.test> NOTIFY=NEVER",
            "<>",
            "<@>",
            "<victim@>",
            "<@elsewhere.test>",
            "<victim@elsewhere.test");

    /** Our own addresses in other spellings: accepted, delivered to our own next hop only. */
    static final List<String> OWN = List.of("<postmaster>", "<POSTMASTER>", "<postmaster@gw.test>",
            "<bob@DEST.TEST>", "<bob@dest.test.>");

    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    @Test
    void noAddressTrickFromAnUntrustedClientIsRelayedAndOurOwnAddressesStayInside() throws Exception {
        try (SinkServer inside = SinkServer.start(0);
                SinkServer internet = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.smtp.tls=off",
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + inside.port(),
                        "bulwark.routing.relayhost=[127.0.0.1]:" + internet.port())) {
            assertThat(TRICKS).hasSizeGreaterThanOrEqualTo(25);
            int refused = 0;
            for (String trick : TRICKS) {
                for (String sender : List.of("<spammer@evil.test>", "<>")) {
                    try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                        client.command("EHLO evil.test");
                        assertThat(client.command("MAIL FROM:" + sender)).startsWith("250");
                        String reply = client.command("RCPT TO:" + trick);
                        assertThat(reply).as("RCPT TO:%s from %s", trick, sender).matches("^[45]\\d\\d [45]\\..*");
                        if (sender.equals("<>")) {
                            refused++;
                        }
                    }
                }
            }
            assertThat(refused).isEqualTo(TRICKS.size());

            for (String own : OWN) {
                try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                    client.command("EHLO evil.test");
                    client.command("MAIL FROM:<someone@evil.test>");
                    assertThat(client.command("RCPT TO:" + own)).as(own).isEqualTo("250 2.1.5 Ok");
                    client.command("DATA");
                    assertThat(client.data("Subject: to " + own + "\r\n\r\nhello\r\n.\r\n")).startsWith("250");
                }
            }
            await().until(() -> inside.messages().size() == OWN.size());
            assertThat(inside.messages()).flatExtracting(SinkServer.Received::recipients)
                    .containsExactlyInAnyOrder("postmaster@dest.test", "postmaster@dest.test",
                            "postmaster@dest.test", "bob@DEST.TEST", "bob@dest.test.");
            await().until(() -> gateway.events().payloads(MessageDeliveredEvent.class).size() == OWN.size());
            assertThat(internet.messages()).isEmpty();
            assertThat(internet.connections()).isZero();
        }
    }
}
