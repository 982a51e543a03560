package io.bulwark.admin.antivirus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import io.bulwark.events.antivirus.RequestAntivirusUpdateCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given a command, then the recorded request or the refusal: every path of the stateless handler,
 * through a real command bus (the request is published in the command's unit of work).
 */
class AntivirusUpdateCommandHandlerTest {
    private final List<EventMessage<?>> published = Collections.synchronizedList(new ArrayList<>());
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        SimpleEventBus eventBus = SimpleEventBus.builder().build();
        eventBus.subscribe(published::addAll);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new AntivirusUpdateCommandHandler(eventBus)).subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    @Test
    void aRequestForOneNodeIsRecordedWithItsActorAndId() {
        String requestId = commands.sendAndWait(new RequestAntivirusUpdateCommand("gw-1", "admin"));
        assertThat(published).singleElement().extracting(EventMessage::getPayload)
                .isInstanceOfSatisfying(AntivirusUpdateRequestedEvent.class, e -> {
                    assertThat(e.requestId()).isEqualTo(requestId);
                    assertThat(e.nodeId()).isEqualTo("gw-1");
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.at()).isNotNull();
                });
    }

    @Test
    void aRequestWithoutANodeIsForEveryNode() {
        commands.sendAndWait(new RequestAntivirusUpdateCommand(" ", "admin"));
        assertThat(((AntivirusUpdateRequestedEvent) published.getFirst().getPayload()).nodeId()).isNull();
    }

    @Test
    void aNodeIdThatIsNotOneIsRefusedAndNothingIsRecorded() {
        assertThatThrownBy(() -> commands.sendAndWait(new RequestAntivirusUpdateCommand("../etc", "admin")))
                .isInstanceOf(InvalidAntivirusRequestException.class).hasMessage("Not a node id: '../etc'");
        assertThat(published).isEmpty();
    }

    @Test
    void aRequestWithoutAnActorIsRefused() {
        assertThatThrownBy(() -> commands.sendAndWait(new RequestAntivirusUpdateCommand(null, "")))
                .isInstanceOf(InvalidAntivirusRequestException.class).hasMessage("The actor is required");
        assertThat(published).isEmpty();
    }
}
