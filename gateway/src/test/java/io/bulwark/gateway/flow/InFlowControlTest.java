package io.bulwark.gateway.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intake flow control (in_flow_delay): counted and observed by state, never by time. Over real
 * SMTP, a next hop that holds every DATA makes delivery slower than intake; once more attempts wait
 * for a delivery slot than {@code in-flow-backlog} allows, the next sender is paused before its
 * message is taken in, and goes on (with its 250) as soon as delivery makes room.
 */
class InFlowControlTest {

    @TempDir
    Path data;

    private static final String MESSAGE = "Subject: flow\r\n\r\nbody\r\n.\r\n";

    @Test
    void aSenderIsPausedWhileDeliveryIsBehindAndGoesOnWhenItCatchesUp() throws Exception {
        try (SinkServer sink = SinkServer.start(0).hold();
                TestGateway gateway = TestGateway.start(data,
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.delivery.concurrency=1",
                        "bulwark.smtp.in-flow-backlog=1",
                        "bulwark.smtp.in-flow-delay=10m", // far beyond the test: only room ends the pause
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port())) {
            InFlowControl inFlow = gateway.bean(InFlowControl.class);

            // 1 is being delivered (the next hop holds its DATA), 2 and 3 wait for the one delivery slot
            assertThat(send(gateway)).startsWith("250");
            await().until(() -> sink.inData() == 1);
            assertThat(send(gateway)).startsWith("250");
            assertThat(send(gateway)).startsWith("250");
            await().until(() -> inFlow.backlog() == 2);
            assertThat(inFlow.waited() + inFlow.timedOut()).isZero();
            await().until(() -> gateway.events().payloads(MessageReceivedEvent.class).size() == 3);

            // 4: the backlog (2) is above the limit (1), so its sender waits before DATA is taken in
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            CompletableFuture<String> fourth = CompletableFuture.supplyAsync(() -> sendUnchecked(gateway), clients);
            await().until(() -> inFlow.pacing() == 1);
            assertThat(fourth).isNotDone();
            assertThat(gateway.events().payloads(MessageReceivedEvent.class)).hasSize(3); // 4 is not spooled

            sink.open();
            assertThat(fourth.get()).startsWith("250");
            assertThat(inFlow.waited()).isEqualTo(1);
            assertThat(inFlow.timedOut()).isZero();
            await().until(() -> sink.messages().size() == 4);
            clients.shutdown();
        }
    }

    @Test
    void withinTheBacklogOrWithNoDelayNobodyWaits() throws Exception {
        InFlowControl control = new InFlowControl(2, Duration.ofMinutes(10));
        control.deliveryWaiting();
        control.deliveryWaiting();
        assertThat(control.admit().pace()).isEqualTo(InFlowControl.Pace.NONE);
        assertThat(control.inIntake()).isEqualTo(1);

        InFlowControl off = InFlowControl.off();
        List.of(1, 2, 3).forEach(i -> off.deliveryWaiting());
        assertThat(off.admit().pace()).isEqualTo(InFlowControl.Pace.NONE);
        assertThat(off.backlog()).isEqualTo(3);
        assertThat(off.inIntake()).isEqualTo(1);
    }

    @Test
    void thePauseIsBoundedWhenDeliveryNeverCatchesUp() throws Exception {
        InFlowControl control = new InFlowControl(0, Duration.ofMillis(1));
        control.deliveryWaiting();
        List<InFlowControl.Pace> paces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            paces.add(control.admit().pace());
        }
        assertThat(paces).containsOnly(InFlowControl.Pace.TIMED_OUT);
        assertThat(control.timedOut()).isEqualTo(3);
        assertThat(control.pacing()).isZero();
    }

    @Test
    void messagesInIntakeCountAndClosingMakesRoom() throws Exception {
        InFlowControl control = new InFlowControl(1, Duration.ofMinutes(10));
        InFlowControl.Admission first = control.admit();
        InFlowControl.Admission second = control.admit(); // in flight: 1, within the limit
        assertThat(second.pace()).isEqualTo(InFlowControl.Pace.NONE);
        assertThat(control.inIntake()).isEqualTo(2);

        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<InFlowControl.Admission> third = CompletableFuture.supplyAsync(() -> admitted(control), sessions);
            await().until(() -> control.pacing() == 1);
            assertThat(third).isNotDone(); // two messages in intake, none delivered yet: no room

            first.close();
            first.close(); // closing twice counts once
            assertThat(third.get().pace()).isEqualTo(InFlowControl.Pace.WAITED);
            assertThat(control.inIntake()).isEqualTo(2);
            second.close();
            assertThat(control.inIntake()).isEqualTo(1);
        }
    }

    @Test
    void eachDeliveryThatStartsLetsOneWaiterIn() throws Exception {
        InFlowControl control = new InFlowControl(1, Duration.ofMinutes(10));
        control.deliveryWaiting();
        control.deliveryWaiting();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<InFlowControl.Admission>> waiting = queueInOrder(control, sessions, 3);

            // backlog 1: room for one message, and only the one goes (the first version let all three in)
            control.deliveryStarted();
            await().until(() -> waiting.stream().filter(CompletableFuture::isDone).count() == 1);
            assertThat(control.pacing()).isEqualTo(2);
            assertThat(control.inIntake()).isEqualTo(1);

            // the last delivery starts: in flight 1 (the message let in), room for one more
            control.deliveryStarted();
            await().until(() -> waiting.stream().filter(CompletableFuture::isDone).count() == 2);
            assertThat(control.pacing()).isEqualTo(1);

            // its intake ends: room again, for the last one
            waiting.stream().filter(CompletableFuture::isDone).findFirst().orElseThrow().join().close();
            await().until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
            assertThat(control.waited()).isEqualTo(3);
            assertThat(control.timedOut()).isZero();
        }
    }

    @Test
    void theLongestPauseEndsAWaitThatTheDelayWouldNot() throws Exception {
        InFlowControl control = new InFlowControl(0, Duration.ofMinutes(10), Duration.ofMillis(1));
        control.deliveryWaiting();
        assertThat(control.admit().pace()).isEqualTo(InFlowControl.Pace.TIMED_OUT);
        assertThat(control.pacing()).isZero();
    }

    @Test
    void roomGoesToTheLongestWaiterAndNewcomersQueueBehind() throws Exception {
        InFlowControl control = new InFlowControl(0, Duration.ofMinutes(10));
        control.deliveryWaiting();
        control.deliveryWaiting();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<InFlowControl.Admission>> line = queueInOrder(control, sessions, 3);
            control.deliveryStarted(); // backlog 1: still no room
            assertThat(line).noneMatch(CompletableFuture::isDone);

            control.deliveryStarted(); // backlog 0: room for one, the first in line
            InFlowControl.Admission first = line.get(0).get();
            assertThat(first.pace()).isEqualTo(InFlowControl.Pace.WAITED);
            assertThat(line.get(1)).isNotDone();
            assertThat(line.get(2)).isNotDone();

            first.close(); // its intake ends: the second in line, not the third
            assertThat(line.get(1).get().pace()).isEqualTo(InFlowControl.Pace.WAITED);
            assertThat(line.get(2)).isNotDone();
            assertThat(control.pacing()).isEqualTo(1);

            line.get(1).join().close();
            assertThat(line.get(2).get().pace()).isEqualTo(InFlowControl.Pace.WAITED);
            assertThat(control.timedOut()).isZero();
        }
    }

    /**
     * The one test here that needs time to pass: mail keeps moving (deliveries start) without making
     * room, for three times the delay, and the waiter is still in line. Progress comes every 10 ms
     * against a delay of 500 ms, so only a stall of the test's own thread that long could end the wait.
     */
    @Test
    void whileMailMovesWithoutRoomAWaiterKeepsItsPlacePastTheDelay() throws Exception {
        Duration delay = Duration.ofMillis(500);
        InFlowControl control = new InFlowControl(0, delay);
        control.deliveryWaiting();
        control.deliveryWaiting();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<InFlowControl.Admission> waiter = CompletableFuture.supplyAsync(() -> admitted(control), sessions);
            await().until(() -> control.pacing() == 1);
            long until = System.nanoTime() + 3 * delay.toNanos();
            while (System.nanoTime() - until < 0) {
                control.deliveryWaiting(); // another attempt falls due ...
                control.deliveryStarted(); // ... and one starts: movement, backlog still 2
                Thread.sleep(10);
            }
            assertThat(waiter).isNotDone();
            assertThat(control.timedOut()).isZero();

            control.deliveryStarted();
            control.deliveryStarted();
            assertThat(waiter.get().pace()).isEqualTo(InFlowControl.Pace.WAITED);
        }
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThatThrownBy(() -> new InFlowControl(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InFlowControl(1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code count} sessions asking for admission one after another, each in line before the next asks. */
    private static List<CompletableFuture<InFlowControl.Admission>> queueInOrder(InFlowControl control,
            ExecutorService sessions, int count) {
        List<CompletableFuture<InFlowControl.Admission>> line = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            line.add(CompletableFuture.supplyAsync(() -> admitted(control), sessions));
            int queued = i + 1;
            await().until(() -> control.pacing() == queued);
        }
        return line;
    }

    private static InFlowControl.Admission admitted(InFlowControl control) {
        try {
            return control.admit(); // left open: the message stays in intake until the test closes it
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String send(TestGateway gateway) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
            return client.send("alice@sender.test", "bob@dest.test", MESSAGE);
        }
    }

    private static String sendUnchecked(TestGateway gateway) {
        try {
            return send(gateway);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
