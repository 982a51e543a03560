package io.bulwark.admin.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.queue.ChangeNodeTrafficCommand;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.RequestQueueActionCommand;
import io.bulwark.events.queue.TrafficDirection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given a command, then the recorded request or the refusal: every path of the stateless handler,
 * through a real command bus (so the request is published in the command's unit of work).
 */
class QueueCommandHandlerTest {

    private final List<EventMessage<?>> published = Collections.synchronizedList(new ArrayList<>());
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(published::addAll);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new QueueCommandHandler(eventBus)).subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    private Object only() {
        assertThat(published).hasSize(1);
        return published.getFirst().getPayload();
    }

    @Test
    void aValidActionIsRecordedAsARequestWithItsActorAndId() {
        String requestId = commands.sendAndWait(new RequestQueueActionCommand(QueueAction.HOLD,
                List.of("Q1", "Q2", "Q1"), false, "node-1", "helpdesk"));
        assertThat(only()).isInstanceOfSatisfying(QueueActionRequestedEvent.class, request -> {
            assertThat(request.requestId()).isEqualTo(requestId);
            assertThat(request.action()).isEqualTo(QueueAction.HOLD);
            assertThat(request.queueIds()).containsExactly("Q1", "Q2");
            assertThat(request.all()).isFalse();
            assertThat(request.nodeId()).isEqualTo("node-1");
            assertThat(request.actor()).isEqualTo("helpdesk");
            assertThat(request.at()).isNotNull();
        });
    }

    @Test
    void allWithoutANodeIsClusterWide() {
        commands.sendAndWait(new RequestQueueActionCommand(QueueAction.DELETE, List.of(), true, " ", "admin"));
        assertThat(only()).isInstanceOfSatisfying(QueueActionRequestedEvent.class, request -> {
            assertThat(request.all()).isTrue();
            assertThat(request.nodeId()).isNull();
        });
    }

    @Test
    void refusesAnActionWithoutTargetsOrWithBoth() {
        assertRefused(new RequestQueueActionCommand(QueueAction.HOLD, List.of(), false, null, "admin"), "either");
        assertRefused(new RequestQueueActionCommand(QueueAction.HOLD, List.of("Q1"), true, null, "admin"), "either");
    }

    @Test
    void refusesQueueIdsThatAreNotPlainLettersAndDigits() {
        assertRefused(new RequestQueueActionCommand(QueueAction.DELETE, List.of("../../etc/passwd"), false, null,
                "admin"), "Not a queue id");
        assertRefused(new RequestQueueActionCommand(QueueAction.DELETE, List.of("Q 1"), false, null, "admin"),
                "Not a queue id");
    }

    @Test
    void refusesTooManyIdsAMissingActionAMissingActorAndABadNode() {
        List<String> many = IntStream.range(0, QueueCommandHandler.MAX_IDS + 1).mapToObj(i -> "Q" + i).toList();
        assertRefused(new RequestQueueActionCommand(QueueAction.HOLD, many, false, null, "admin"), "At most");
        assertRefused(new RequestQueueActionCommand(null, List.of("Q1"), false, null, "admin"), "'action'");
        assertRefused(new RequestQueueActionCommand(QueueAction.HOLD, List.of("Q1"), false, null, " "), "actor");
        assertRefused(new RequestQueueActionCommand(QueueAction.HOLD, List.of("Q1"), false, "node/1", "admin"),
                "Not a node id");
    }

    @Test
    void aTrafficSwitchIsRecorded() {
        String requestId = commands.sendAndWait(new ChangeNodeTrafficCommand(null, TrafficDirection.SENDING, false,
                "admin"));
        assertThat(only()).isEqualTo(new NodeTrafficChangeRequestedEvent(requestId, null, TrafficDirection.SENDING,
                false, "admin", ((NodeTrafficChangeRequestedEvent) published.getFirst().getPayload()).at()));
    }

    @Test
    void refusesATrafficSwitchWithoutDirectionOrActor() {
        assertRefused(new ChangeNodeTrafficCommand("node-1", null, true, "admin"), "'direction'");
        assertRefused(new ChangeNodeTrafficCommand("node-1", TrafficDirection.RECEIVING, true, null), "actor");
    }

    private void assertRefused(Object command, String message) {
        assertThatThrownBy(() -> commands.sendAndWait(command)).isInstanceOf(InvalidQueueCommandException.class)
                .hasMessageContaining(message);
        assertThat(published).isEmpty();
    }
}
