package io.bulwark.admin.antispam;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainMessageCommand;
import io.bulwark.events.antispam.TrainingIds;
import io.bulwark.events.antispam.TrainingSource;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.antispam.UntrainMessageCommand;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** Given-when-then over every command path of a training mark, refusals included. */
class TrainingMarkTest {
    private static final String SHA = "ab".repeat(32);
    private static final String ID = TrainingIds.of(SHA);
    private static final List<Long> TOKENS = List.of(11L, -22L, 33L);

    private AggregateTestFixture<TrainingMark> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TrainingMark.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private static TrainMessageCommand train(TrainingVerdict verdict, String actor) {
        return new TrainMessageCommand(ID, "Q1", SHA, verdict, "bulwark-1", TOKENS, TrainingSource.BACKUP, "Q1.b",
                actor);
    }

    private MessageTrainedEvent trained(TrainingVerdict verdict, String actor) {
        return new MessageTrainedEvent(ID, "Q1", SHA, verdict, "bulwark-1", TOKENS, actor, fixture.currentTime(),
                TrainingSource.BACKUP, "Q1.b");
    }

    @Test
    void aFirstMarkRecordsWhoWhenWhichMessageAndWhereTheTokensCameFrom() {
        fixture.givenNoPriorActivity()
                .when(train(TrainingVerdict.SPAM, "admin"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(trained(TrainingVerdict.SPAM, "admin"));
    }

    @Test
    void theSameVerdictAgainIsRefusedSoAMessageCountsOnce() {
        fixture.given(trained(TrainingVerdict.SPAM, "admin"))
                .when(train(TrainingVerdict.SPAM, "helpdesk"))
                .expectException(TrainingConflictException.class)
                .expectNoEvents();
    }

    @Test
    void anotherVerdictUntrainsTheOldOneFirst() {
        fixture.given(trained(TrainingVerdict.SPAM, "admin"))
                .when(train(TrainingVerdict.HAM, "auditor2"))
                .expectEvents(new MessageUntrainedEvent(ID, TrainingVerdict.SPAM, "bulwark-1", TOKENS, "auditor2",
                        fixture.currentTime()), trained(TrainingVerdict.HAM, "auditor2"));
    }

    @Test
    void untrainingRepeatsTheHashesOfTheMark() {
        fixture.given(trained(TrainingVerdict.HAM, "admin"))
                .when(new UntrainMessageCommand(ID, "admin2"))
                .expectEvents(new MessageUntrainedEvent(ID, TrainingVerdict.HAM, "bulwark-1", TOKENS, "admin2",
                        fixture.currentTime()));
    }

    @Test
    void anUntrainedMessageMayBeMarkedAgain() {
        fixture.given(trained(TrainingVerdict.SPAM, "admin"), new MessageUntrainedEvent(ID, TrainingVerdict.SPAM,
                        "bulwark-1", TOKENS, "admin", fixture.currentTime()))
                .when(train(TrainingVerdict.SPAM, "admin"))
                .expectEvents(trained(TrainingVerdict.SPAM, "admin"));
    }

    @Test
    void untrainingTwiceIsRefused() {
        fixture.given(trained(TrainingVerdict.SPAM, "admin"), new MessageUntrainedEvent(ID, TrainingVerdict.SPAM,
                        "bulwark-1", TOKENS, "admin", fixture.currentTime()))
                .when(new UntrainMessageCommand(ID, "admin"))
                .expectException(TrainingConflictException.class)
                .expectNoEvents();
    }

    @Test
    void untrainingAMessageNeverMarkedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new UntrainMessageCommand(ID, "admin"))
                .expectException(AggregateNotFoundException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void everyCommandNeedsAnActor(String actor) {
        fixture.givenNoPriorActivity().when(train(TrainingVerdict.SPAM, actor))
                .expectException(InvalidTrainingException.class).expectNoEvents();
        fixture.given(trained(TrainingVerdict.SPAM, "admin")).when(new UntrainMessageCommand(ID, actor))
                .expectException(InvalidTrainingException.class).expectNoEvents();
    }

    @Test
    void refusesAMarkWithoutVerdictTokensOrTokenizer() {
        fixture.givenNoPriorActivity().when(train(null, "admin"))
                .expectException(InvalidTrainingException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(new TrainMessageCommand(ID, "Q1", SHA, TrainingVerdict.SPAM,
                        "bulwark-1", List.of(), TrainingSource.BACKUP, "Q1.b", "admin"))
                .expectException(InvalidTrainingException.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(new TrainMessageCommand(ID, "Q1", SHA, TrainingVerdict.SPAM,
                        " ", TOKENS, TrainingSource.BACKUP, "Q1.b", "admin"))
                .expectException(InvalidTrainingException.class).expectNoEvents();
    }

    @Test
    void refusesAnIdThatIsNotTheDigestOfTheMessage() {
        String other = TrainingIds.of("cd".repeat(32));
        fixture.givenNoPriorActivity().when(new TrainMessageCommand(other, "Q1", SHA, TrainingVerdict.SPAM,
                        "bulwark-1", TOKENS, TrainingSource.BACKUP, "Q1.b", "admin"))
                .expectException(InvalidTrainingException.class).expectNoEvents();
    }
}
