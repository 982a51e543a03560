package io.bulwark.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.queue.TrafficDirection;
import io.bulwark.gateway.GatewayConfiguration;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.flow.InFlowControl;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.support.InMemoryEventAppender;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Queue control on a real gateway (SMTP in over loopback, a loopback next hop out), driven the way
 * the tracking processor drives it: by handing {@link QueueControl} the administrators' request
 * events.
 */
class QueueControlTest {
    private static final String MESSAGE = "Subject: queued\r\nMessage-ID: <m1@sender.test>\r\n\r\nhello\r\n.\r\n";

    @TempDir
    Path data;

    @BeforeAll
    static void fastAwait() {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
    }

    @Test
    void aHeldMessageIsNotDeliveredUntilReleased() throws Exception {
        int port = reservePort();
        try (Node node = Node.start(data, port)) {
            String queueId = node.send();
            await().until(() -> !node.events().payloads(DeliveryDeferredEvent.class).isEmpty());

            node.control().apply(request(QueueAction.HOLD, queueId));
            assertThat(node.events().payloads(MessageHeldEvent.class)).singleElement()
                    .satisfies(held -> {
                        assertThat(held.queueId()).isEqualTo(queueId);
                        assertThat(held.actor()).isEqualTo("admin");
                        assertThat(held.message().recipients()).containsExactly("bob@dest.test");
                        assertThat(held.message().nodeId()).isEqualTo("node-a");
                    });
            try (SinkServer sink = SinkServer.start(port)) {
                int attempts = node.events().payloads(MessageQueuedEvent.class).size();
                // Retries are due every 200-400 ms: a second and a half without one means held.
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                        .until(() -> sink.messages().isEmpty());
                assertThat(node.events().payloads(MessageQueuedEvent.class)).hasSize(attempts);
                // a held message's turn is not an attempt waiting for a slot: intake does not slow down
                assertThat(node.bean(InFlowControl.class).backlog()).isZero();

                node.control().apply(request(QueueAction.RELEASE, queueId));
                await().until(() -> sink.messages().size() == 1);
                assertThat(node.events().payloads(MessageReleasedEvent.class)).singleElement()
                        .extracting(MessageReleasedEvent::queueId).isEqualTo(queueId);
                await().until(() -> node.bean(Spool.class).read(queueId).isEmpty());
            }
        }
    }

    /**
     * RELEASE lifts an administrator's hold only. A hold nobody recorded is the Anti-Spam
     * Quarantine's while it re-checks the message: the re-check releases it once its new entry is
     * in place, and releasing it earlier would deliver from the entry being replaced.
     */
    @Test
    void releaseLeavesAloneAHoldNoAdministratorPlaced() throws Exception {
        int port = reservePort();
        try (Node node = Node.start(data, port)) {
            String queueId = node.send();
            await().until(() -> !node.events().payloads(DeliveryDeferredEvent.class).isEmpty());
            DeliveryScheduler scheduler = node.bean(DeliveryScheduler.class);
            scheduler.hold(queueId); // as the quarantine holds it, without an administrator's record

            node.control().apply(request(QueueAction.RELEASE, queueId));

            assertThat(scheduler.isHeld(queueId)).isTrue();
            assertThat(node.events().payloads(MessageReleasedEvent.class)).isEmpty();
        }
    }

    @Test
    void aDeletedMessageLeavesTheSpoolWithAnEventAndIsNeverDelivered() throws Exception {
        int port = reservePort();
        try (Node node = Node.start(data, port)) {
            String queueId = node.send();
            await().until(() -> !node.events().payloads(DeliveryDeferredEvent.class).isEmpty());

            QueueControl.Outcome outcome = node.control().applyAndWait(request(QueueAction.DELETE, queueId));

            assertThat(outcome.applied()).containsExactly(queueId);
            assertThat(outcome.completion()).isCompleted();
            assertThat(node.bean(Spool.class).read(queueId)).isEmpty();
            assertThat(node.bean(DeliveryScheduler.class).queueIds()).doesNotContain(queueId);
            assertThat(node.events().payloads(QueuedMessageDeletedEvent.class)).singleElement().satisfies(deleted -> {
                assertThat(deleted.queueId()).isEqualTo(queueId);
                assertThat(deleted.message().recipients()).containsExactly("bob@dest.test");
                assertThat(deleted.actor()).isEqualTo("admin");
            });
            try (SinkServer sink = SinkServer.start(port)) {
                await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                        .until(() -> sink.connections() == 0);
            }
        }
    }

    @Test
    void aHeldMessageCanBeDeleted() throws Exception {
        try (Node node = Node.start(data, reservePort())) {
            String queueId = node.send();
            node.control().apply(request(QueueAction.HOLD, queueId));
            node.control().applyAndWait(request(QueueAction.DELETE, queueId));
            assertThat(node.bean(Spool.class).read(queueId)).isEmpty();
            assertThat(node.bean(DeliveryScheduler.class).isHeld(queueId)).isFalse();
            assertThat(new QueueControlState(data.resolve("queue-control")).held()).isEmpty();
        }
    }

    @Test
    void forcedDeliveryIsAttemptedNowInsteadOfAfterTheBackOff() throws Exception {
        int port = reservePort();
        try (Node node = Node.start(data, port, "bulwark.delivery.retry-initial=1h", "bulwark.delivery.retry-max=1h")) {
            String queueId = node.send();
            await().until(() -> !node.events().payloads(DeliveryDeferredEvent.class).isEmpty());
            try (SinkServer sink = SinkServer.start(port)) {
                node.control().apply(request(QueueAction.FORCE_DELIVERY, queueId));
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().size() == 1);
                assertThat(node.events().payloads(DeliveryForcedEvent.class)).singleElement()
                        .extracting(DeliveryForcedEvent::queueId).isEqualTo(queueId);
                await().until(() -> node.events().payloads(MessageDeliveredEvent.class).size() == 1);
            }
        }
    }

    @Test
    void forcingAHeldMessageLeavesItHeld() throws Exception {
        try (Node node = Node.start(data, reservePort())) {
            String queueId = node.send();
            node.control().apply(request(QueueAction.HOLD, queueId));
            assertThat(node.control().apply(request(QueueAction.FORCE_DELIVERY, queueId)).applied()).isEmpty();
            assertThat(node.bean(DeliveryScheduler.class).isHeld(queueId)).isTrue();
            assertThat(node.events().payloads(DeliveryForcedEvent.class)).isEmpty();
        }
    }

    @Test
    void stoppedReceivingAnswers421UntilStartedAgain() throws Exception {
        try (Node node = Node.start(data, reservePort())) {
            assertThat(node.control().apply(traffic(null, TrafficDirection.RECEIVING, false))).isTrue();
            try (SmtpTestClient client = new SmtpTestClient(node.smtpPort())) {
                assertThat(client.greeting()).startsWith("421 4.3.2 gw.test");
                assertThat(client.closedByServer()).isTrue();
            }
            assertThat(node.events().payloads(NodeTrafficChangedEvent.class)).singleElement().satisfies(changed -> {
                assertThat(changed.nodeId()).isEqualTo("node-a");
                assertThat(changed.direction()).isEqualTo(TrafficDirection.RECEIVING);
                assertThat(changed.enabled()).isFalse();
            });

            node.control().apply(traffic("node-a", TrafficDirection.RECEIVING, true));
            try (SmtpTestClient client = new SmtpTestClient(node.smtpPort())) {
                assertThat(client.greeting()).startsWith("220 ");
            }
        }
    }

    @Test
    void stoppedSendingDeliversNothingUntilStartedAgain() throws Exception {
        try (SinkServer sink = SinkServer.start(0); Node node = Node.start(data, sink.port())) {
            node.control().apply(traffic(null, TrafficDirection.SENDING, false));
            node.send();
            node.send();
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                    .until(() -> sink.connections() == 0);
            assertThat(node.bean(InFlowControl.class).backlog()).isZero(); // parked, not waiting

            node.control().apply(traffic(null, TrafficDirection.SENDING, true));
            await().until(() -> sink.messages().size() == 2);
            await().until(() -> node.bean(InFlowControl.class).backlog() == 0);
        }
    }

    @Test
    void requestsForAnotherNodeAreIgnoredAndAllMeansEveryMessageOfThisNode() throws Exception {
        try (Node node = Node.start(data, reservePort())) {
            String first = node.send();
            String second = node.send();
            QueueActionRequestedEvent elsewhere = new QueueActionRequestedEvent(id(), QueueAction.HOLD, List.of(),
                    true, "node-b", "admin", Instant.now());
            assertThat(node.control().apply(elsewhere).applied()).isEmpty();
            assertThat(node.control().apply(traffic("node-b", TrafficDirection.SENDING, false))).isFalse();

            QueueActionRequestedEvent all = new QueueActionRequestedEvent(id(), QueueAction.HOLD, List.of(), true,
                    "node-a", "admin", Instant.now());
            assertThat(node.control().apply(all).applied()).containsExactlyInAnyOrder(first, second);
            // A request seen twice (at-least-once delivery) adds no event.
            node.control().apply(all);
            assertThat(node.events().payloads(MessageHeldEvent.class)).hasSize(2);
        }
    }

    @Test
    void queueIdsThatAreNotFileNamesAreIgnored() throws Exception {
        try (Node node = Node.start(data, reservePort())) {
            node.send();
            assertThat(node.control().apply(request(QueueAction.DELETE, "../spool/x")).applied()).isEmpty();
            assertThat(node.control().apply(request(QueueAction.HOLD, "UNKNOWN1")).applied()).isEmpty();
        }
    }

    @Test
    void holdsAndSwitchesSurviveARestart() throws Exception {
        String queueId;
        int port = reservePort();
        try (Node node = Node.start(data, port)) {
            queueId = node.send();
            node.control().apply(request(QueueAction.HOLD, queueId));
            node.control().apply(traffic(null, TrafficDirection.RECEIVING, false));
        }
        try (SinkServer sink = SinkServer.start(port); Node node = Node.start(data, port)) {
            assertThat(node.bean(DeliveryScheduler.class).isHeld(queueId)).isTrue();
            assertThat(node.bean(SmtpServerLifecycle.class).isReceivingPaused()).isTrue();
            await().until(() -> !node.events().payloads(NodeTrafficStateReportedEvent.class).isEmpty());
            assertThat(node.events().payloads(NodeTrafficStateReportedEvent.class).getFirst())
                    .isEqualTo(new NodeTrafficStateReportedEvent("node-a", true, false, true,
                            node.events().payloads(NodeTrafficStateReportedEvent.class).getFirst().at()));
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> sink.connections() == 0);
            node.control().apply(request(QueueAction.RELEASE, queueId));
            await().until(() -> sink.messages().size() == 1);
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static QueueActionRequestedEvent request(QueueAction action, String queueId) {
        return new QueueActionRequestedEvent(id(), action, List.of(queueId), false, null, "admin", Instant.now());
    }

    private static NodeTrafficChangeRequestedEvent traffic(String nodeId, TrafficDirection direction,
            boolean enabled) {
        return new NodeTrafficChangeRequestedEvent(id(), nodeId, direction, enabled, "admin", Instant.now());
    }

    private static int reservePort() throws IOException {
        return io.bulwark.gateway.support.TestGateway.reservePort();
    }

    /** A gateway node with queue control, relaying dest.test to a loopback port. */
    static final class Node implements AutoCloseable {
        private final ConfigurableApplicationContext context;

        private Node(ConfigurableApplicationContext context) {
            this.context = context;
        }

        static Node start(Path dataDir, int nextHopPort, String... extra) {
            List<String> properties = new ArrayList<>(List.of(
                    "bulwark.data-dir=" + dataDir,
                    "bulwark.node-id=node-a",
                    "bulwark.smtp.port=0",
                    "bulwark.smtp.bind-address=127.0.0.1",
                    "bulwark.smtp.hostname=gw.test",
                    "bulwark.smtp.tls=off",
                    "bulwark.smtp.error-sleep-time=0s",
                    "bulwark.delivery.retry-initial=200ms",
                    "bulwark.delivery.retry-max=400ms",
                    "bulwark.delivery.connect-timeout=2s",
                    "bulwark.delivery.command-timeout=5s",
                    "bulwark.dns.timeout=2s",
                    "bulwark.routing.relay-domains=dest.test",
                    "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + nextHopPort));
            properties.addAll(List.of(extra));
            return new Node(new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                    .properties(properties.toArray(String[]::new)).run());
        }

        String send() throws IOException {
            try (SmtpTestClient client = new SmtpTestClient(smtpPort())) {
                String reply = client.send("alice@sender.test", "bob@dest.test", MESSAGE);
                assertThat(reply).startsWith("250");
                return reply.substring(reply.lastIndexOf(' ') + 1).strip();
            }
        }

        int smtpPort() {
            return context.getBean(SmtpServerLifecycle.class).getPort();
        }

        QueueControl control() {
            return context.getBean(QueueControl.class);
        }

        InMemoryEventAppender events() {
            return context.getBean(InMemoryEventAppender.class);
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({GatewayConfiguration.class, QueueControlConfiguration.class})
    static class App {
        @Bean
        InMemoryEventAppender inMemoryEventAppender() {
            return new InMemoryEventAppender();
        }

        /** No event store here: the policy (the presets) is ready from the start, as in TestGateway. */
        @Bean
        SmartInitializingSingleton policyReady(GatewayPolicy policy) {
            return policy::markReady;
        }
    }
}
