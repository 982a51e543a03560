package io.bulwark.gateway.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.gateway.delivery.DeliveryAgent;
import io.bulwark.gateway.delivery.SmtpClient;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound queue: delay warnings, connection reuse, delivery slots and per-destination concurrency. */
class QueueBehaviourTest {
    private static final String MESSAGE = "Subject: queued\r\n\r\nhello\r\n.\r\n";

    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    @Test
    void theSenderGetsOneDelayWarningWhileTheMessageKeepsBeingRetried() throws Exception {
        int down = TestGateway.reservePort();
        try (SinkServer senderDomain = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, "bulwark.smtp.tls=off",
                        "bulwark.delivery.delay-warning-time=300ms",
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + down,
                        "bulwark.routing.transport-map.sender.test=[127.0.0.1]:" + senderDomain.port())) {
            send(gateway);
            await().until(() -> senderDomain.messages().size() == 1);
            String warning = senderDomain.messages().getFirst().text();
            assertThat(senderDomain.messages().getFirst().sender()).isEmpty();
            assertThat(warning).contains("Subject: Delayed Mail (still being retried)", "Action: delayed",
                    "Status: 4.4.1", "Final-Recipient: rfc822; bob@dest.test", "Will-Retry-Until: ");
            int deferrals = gateway.events().payloads(DeliveryDeferredEvent.class).size();
            await().until(() -> gateway.events().payloads(DeliveryDeferredEvent.class).size() >= deferrals + 2);
            assertThat(senderDomain.messages()).hasSize(1);
        }
    }

    @Test
    void aConnectionIsReusedForTheNextMessageToTheSameNextHop() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = relayingTo(sink, "bulwark.delivery.connection-cache-time=30s")) {
            for (int i = 1; i <= 3; i++) {
                send(gateway);
                int expected = i;
                await().until(() -> gateway.events().payloads(MessageDeliveredEvent.class).size() == expected);
            }
            assertThat(sink.messages()).hasSize(3);
            assertThat(sink.connections()).isEqualTo(1);
            assertThat(gateway.bean(SmtpClient.class).connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void noMoreThanTheDestinationLimitIsDeliveredInParallel() throws Exception {
        try (SinkServer sink = SinkServer.start(0).hold();
                TestGateway gateway = relayingTo(sink, "bulwark.delivery.destination-concurrency-limit=1")) {
            for (int i = 0; i < 3; i++) {
                send(gateway);
            }
            String destination = "[127.0.0.1]:" + sink.port();
            await().until(() -> sink.inData() == 1
                    && gateway.bean(DeliveryAgent.class).waitingFor(destination) == 2);
            sink.open();
            await().until(() -> sink.messages().size() == 3);
            assertThat(sink.maxConcurrentData()).isEqualTo(1);
        }
    }

    @Test
    void aDeliveredMessageWaitingForItsEventsToBeDurableDoesNotHoldTheDeliverySlot() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = relayingTo(sink, "bulwark.delivery.concurrency=1")) {
            // the event appender lingers: a delivered message's final events are not durable yet
            gateway.events().holdDurability(event -> event.getPayload() instanceof MessageDeliveredEvent);
            for (int i = 0; i < 2; i++) {
                send(gateway);
            }
            // one slot, and the first message still waits for its events: the second one got the slot
            await().until(() -> sink.messages().size() == 2);
            List<String> queueIds = gateway.events().payloads(MessageReceivedEvent.class).stream()
                    .map(received -> received.message().queueId()).toList();
            Spool spool = gateway.bean(Spool.class);
            assertThat(queueIds).hasSize(2).allMatch(id -> inSpool(spool, id));
            gateway.events().releaseHeld();
            await().until(() -> queueIds.stream().noneMatch(id -> inSpool(spool, id)));
            assertThat(sink.messages()).hasSize(2);
        }
    }

    /** A gateway that relays dest.test to {@code sink}, without TLS, with one more setting. */
    private TestGateway relayingTo(SinkServer sink, String setting) {
        return TestGateway.start(data, "bulwark.smtp.tls=off", setting,
                "bulwark.routing.relay-domains=dest.test",
                "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port());
    }

    /** Sends one message from alice@sender.test to bob@dest.test; it must be accepted. */
    private static void send(TestGateway gateway) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            assertThat(client.send("alice@sender.test", "bob@dest.test", MESSAGE)).startsWith("250");
        }
    }

    private static boolean inSpool(Spool spool, String queueId) {
        try {
            return spool.read(queueId).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
