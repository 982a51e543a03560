package io.bulwark.admin.history.privacy;

import io.bulwark.admin.history.InvalidHistoryCommandException;
import io.bulwark.admin.history.ProjectionRebuilds;
import io.bulwark.events.history.DataSubjectForgottenEvent;
import io.bulwark.events.history.ForgetDataSubjectCommand;
import io.bulwark.store.privacy.SubjectKeys;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Forgets a data subject (crypto-shredding, ADR 0029): records {@link DataSubjectForgottenEvent}
 * with the subject id (never the address), and once that record is stored destroys the subject's key
 * and rebuilds this node's read models that copy addresses out of the events, so they show
 * {@code [forgotten]} too. The events themselves are not touched: every seal still holds.
 *
 * <p>Refused while personal-data encryption is off (there is no key to destroy: the addresses are
 * stored in plain text). Stateless apart from the keys; thread-safe.
 */
public class DataSubjectCommandHandler {
    /**
     * Read models that hold personal data copied from the events: addresses, subject lines, client
     * addresses (tracking, queue view) and the preview's envelopes (rule-preview, ADR 0038).
     */
    static final List<String> READ_MODELS_WITH_ADDRESSES = List.of("message-tracking", "queue-view", "rule-preview");

    private final EventBus eventBus;
    private final Optional<SubjectKeys> keys;
    private final ProjectionRebuilds rebuilds;

    public DataSubjectCommandHandler(EventBus eventBus, Optional<SubjectKeys> keys, ProjectionRebuilds rebuilds) {
        this.eventBus = eventBus;
        this.keys = keys;
        this.rebuilds = rebuilds;
    }

    /** Returns the subject id. */
    @CommandHandler
    public String handle(ForgetDataSubjectCommand command) {
        if (command.actor() == null || command.actor().isBlank()) {
            throw new InvalidHistoryCommandException("'actor' is required");
        }
        String address = SubjectKeys.normalise(command.address());
        if (address.isEmpty() || address.indexOf('@') < 1 || address.length() > 320) {
            throw new InvalidHistoryCommandException("'address' must be an e-mail address");
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (reason.length() > 500) {
            throw new InvalidHistoryCommandException("'reason' is at most 500 characters");
        }
        SubjectKeys subjectKeys = keys.orElseThrow(() -> new InvalidHistoryCommandException(
                "Personal-data encryption is off (bulwark.history.personal-data-encryption): addresses are stored "
                        + "in plain text, so there is no key to destroy"));
        String subjectId = subjectKeys.subjectId(address);
        eventBus.publish(GenericEventMessage.asEventMessage(new DataSubjectForgottenEvent(subjectId, command.actor(),
                reason, GenericEventMessage.clock.instant())));
        Runnable forget = () -> {
            subjectKeys.forget(subjectId);
            READ_MODELS_WITH_ADDRESSES.stream().filter(rebuilds.rebuildable()::contains).forEach(rebuilds::rebuild);
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> forget.run());
        } else {
            forget.run();
        }
        return subjectId;
    }
}
