package io.bulwark.admin.antispam;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainMessageCommand;
import io.bulwark.events.antispam.TrainingIds;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.antispam.UntrainMessageCommand;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The training history of one message (ADR 0017), identified by {@link TrainingIds#of} its SHA-256:
 * marked as spam or ham, re-marked, taken back. Every node's Bayes statistics are the projection of
 * these streams' events.
 *
 * <p>Why one aggregate per message: a message marked twice (two administrators, or from Backup and
 * from tracking) must count once, and a second, different verdict must replace the first rather
 * than count the message under both; both need the message's current verdict, and the untraining
 * needs its token hashes, which only this one short stream holds. A stream per message keeps
 * loading it cheap and lets marks of different messages proceed without contention.
 *
 * <p>Rules: the same verdict again is refused ({@link TrainingConflictException}); another verdict
 * applies {@link MessageUntrainedEvent} of the old one, then {@link MessageTrainedEvent} of the new
 * one, in one unit of work; untraining a mark that has no verdict is refused. Handlers validate,
 * then apply; event-sourcing handlers only assign fields.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class TrainingMark {
    /** Most token hashes one mark may carry (a tokenized message has hundreds; this bounds an event). */
    public static final int MAX_TOKENS = 20_000;

    @AggregateIdentifier
    private String trainingId;
    private TrainingVerdict verdict;
    private String tokenizer;
    private List<Long> tokens = List.of();

    /** For Axon: instances are rebuilt from events. */
    protected TrainingMark() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(TrainMessageCommand command) {
        requireActor(command.actor());
        if (command.verdict() == null) {
            throw new InvalidTrainingException("'verdict' is required: SPAM or HAM");
        }
        if (command.sha256() == null || !TrainingIds.isValid(command.trainingId())
                || !TrainingIds.of(command.sha256()).equals(command.trainingId())) {
            throw new InvalidTrainingException("A training id is 'bayes-' and the message's SHA-256");
        }
        if (command.tokenizer() == null || command.tokenizer().isBlank()) {
            throw new InvalidTrainingException("The tokenizer's name is required");
        }
        if (command.tokens().isEmpty() || command.tokens().size() > MAX_TOKENS) {
            throw new InvalidTrainingException("A mark carries 1 to " + MAX_TOKENS + " token hashes, not "
                    + command.tokens().size());
        }
        if (command.verdict() == verdict) {
            throw new TrainingConflictException("Message " + command.trainingId() + " is marked as "
                    + verdict + " already");
        }
        if (verdict != null) {
            apply(new MessageUntrainedEvent(command.trainingId(), verdict, tokenizer, tokens, command.actor(),
                    now()));
        }
        apply(new MessageTrainedEvent(command.trainingId(), command.queueId(), command.sha256().toLowerCase(
                java.util.Locale.ROOT), command.verdict(), command.tokenizer(), command.tokens(), command.actor(),
                now(), command.source(), command.sourceId()));
    }

    @CommandHandler
    public void handle(UntrainMessageCommand command) {
        requireActor(command.actor());
        if (verdict == null) {
            throw new TrainingConflictException("Message " + trainingId + " is not marked");
        }
        apply(new MessageUntrainedEvent(trainingId, verdict, tokenizer, tokens, command.actor(), now()));
    }

    @EventSourcingHandler
    void on(MessageTrainedEvent event) {
        trainingId = event.trainingId();
        verdict = event.verdict();
        tokenizer = event.tokenizer();
        tokens = event.tokens();
    }

    @EventSourcingHandler
    void on(MessageUntrainedEvent event) {
        trainingId = event.trainingId();
        verdict = null;
    }

    private static java.time.Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidTrainingException("A training command needs the acting account");
        }
    }
}
