package io.bulwark.admin.antispam;

import com.google.common.hash.Hashing;
import io.bulwark.admin.backup.UnknownBackupCopyException;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainMessageCommand;
import io.bulwark.events.antispam.TrainingIds;
import io.bulwark.events.antispam.TrainingMarkView;
import io.bulwark.events.antispam.TrainingSource;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.antispam.UntrainMessageCommand;
import io.bulwark.events.backup.BackupCopyIds;
import io.bulwark.scan.antispam.bayes.Tokenizer;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.store.backup.BackupStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Training the Bayes classifier from the console and the API: reads the message, tokenizes it here
 * (so no body ever enters an event, only the token hashes), and sends the {@link TrainingMark}'s
 * commands, which every gateway node's statistics follow (ADR 0017).
 *
 * <p>Where the bytes come from: a <b>Backup copy</b> in the store, which every admin node can read
 * (the Backup view; a tracked or queued message through the copy of its queue id,
 * {@link BackupCopyIds#ofQueueId}); or bytes handed over directly (a corpus import, an upload). A
 * message that is only in a gateway node's spool, without a Backup copy, cannot be trained from
 * here: the spool is that node's local disk ({@link UnknownTrainingException}, the API's 404, says
 * so).
 *
 * <p>Authorisation is the caller's job; the caller passes the authenticated user as {@code actor}.
 * Stateless and thread-safe.
 */
@Service
public class AntiSpamTraining {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Largest message taken for training (the Backup limit of the gateway is larger than any sane mail). */
    public static final int MAX_BYTES = 50 * 1024 * 1024;

    private final BackupStore backup;
    private final CommandGateway commands;
    private final EventStore events;
    private final MessageViewParser parser = new MessageViewParser();

    public AntiSpamTraining(BackupStore backup, CommandGateway commands, EventStore events) {
        this.backup = backup;
        this.commands = commands;
        this.events = events;
    }

    /** Marks the Backup copy {@code backupId}. */
    public TrainingMarkView trainBackupCopy(String backupId, TrainingVerdict verdict, String actor) {
        if (!BackupCopyIds.isValid(backupId)) {
            throw new InvalidTrainingException("Not a backup id: '" + backupId + "'");
        }
        String queueId = backup.find(backupId).map(d -> d.copy().message().queueId())
                .orElseThrow(() -> new UnknownBackupCopyException(backupId));
        byte[] bytes = backup.get(backupId).orElseThrow(() -> new UnknownBackupCopyException(backupId));
        return train(bytes, queueId, TrainingSource.BACKUP, backupId, verdict, actor);
    }

    /**
     * Marks a message by queue id (message tracking, the queue view), through its Backup copy.
     *
     * @throws UnknownTrainingException when the message has no Backup copy
     */
    public TrainingMarkView trainQueued(String queueId, TrainingVerdict verdict, String actor) {
        String backupId = BackupCopyIds.ofQueueId(queueId);
        if (queueId == null || !BackupCopyIds.isValid(backupId)) {
            throw new InvalidTrainingException("Not a queue id: '" + queueId + "'");
        }
        if (backup.find(backupId).isEmpty()) {
            throw new UnknownTrainingException("Message " + queueId + " has no Backup copy: its body is only in "
                    + "the spool of the gateway node that holds it, which the admin plane cannot read");
        }
        return trainBackupCopy(backupId, verdict, actor);
    }

    /** Marks a message handed over as bytes (corpus import, upload); {@code name} is its file name. */
    public TrainingMarkView trainMessage(byte[] bytes, String name, TrainingVerdict verdict, String actor) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidTrainingException("The message is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidTrainingException("A message for training is at most " + MAX_BYTES + " bytes");
        }
        String file = name == null || name.isBlank() ? null : name.strip();
        if (file != null && file.length() > 255) {
            throw new InvalidTrainingException("A file name is at most 255 characters");
        }
        return train(bytes, file, TrainingSource.CORPUS, file, verdict, actor);
    }

    /** Takes a mark back. */
    public TrainingMarkView untrain(String trainingId, String actor) {
        requireId(trainingId);
        try {
            commands.sendAndWait(new UntrainMessageCommand(trainingId, actor), TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (AggregateNotFoundException e) {
            throw new UnknownTrainingException("No training mark " + trainingId);
        }
        return find(trainingId).orElseThrow();
    }

    /** A mark as it stands, from its own (short) event stream. */
    public Optional<TrainingMarkView> find(String trainingId) {
        requireId(trainingId);
        TrainingMarkView view = null;
        DomainEventStream stream = events.readEvents(trainingId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof MessageTrainedEvent t) {
                view = new TrainingMarkView(t.trainingId(), t.verdict(), t.queueId(), t.sha256(), t.tokens().size(),
                        t.source(), t.sourceId(), t.actor(), t.at());
            } else if (payload instanceof MessageUntrainedEvent u && view != null) {
                view = new TrainingMarkView(view.trainingId(), null, view.queueId(), view.sha256(), view.tokens(),
                        view.source(), view.sourceId(), u.actor(), u.at());
            }
        }
        return Optional.ofNullable(view);
    }

    private TrainingMarkView train(byte[] bytes, String queueId, TrainingSource source, String sourceId,
            TrainingVerdict verdict, String actor) {
        if (verdict == null) {
            throw new InvalidTrainingException("'verdict' is required: SPAM or HAM");
        }
        String sha256 = sha256(bytes);
        String trainingId = TrainingIds.of(sha256);
        long[] hashes = Tokenizer.hashes(parser.parse(bytes));
        commands.sendAndWait(new TrainMessageCommand(trainingId, queueId, sha256, verdict, Tokenizer.NAME,
                Arrays.stream(hashes).boxed().toList(), source, sourceId, actor), TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        return find(trainingId).orElseThrow();
    }

    private static void requireId(String trainingId) {
        if (!TrainingIds.isValid(trainingId)) {
            throw new InvalidTrainingException("Not a training id: '" + trainingId + "'");
        }
    }

    static String sha256(byte[] bytes) {
        return Hashing.sha256().hashBytes(bytes).toString();
    }
}
