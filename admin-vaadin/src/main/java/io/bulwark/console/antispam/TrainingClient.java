package io.bulwark.console.antispam;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.antispam.AntiSpamTraining;
import io.bulwark.events.antispam.TrainingMarkView;
import io.bulwark.events.antispam.TrainingVerdict;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to Bayes training, over the backend's {@link AntiSpamTraining}: mark a
 * Backup copy, or a tracked or queued message (through its Backup copy), as spam or not spam, and
 * take a mark back. Training changes every node's filter, so it is for ADMINISTRATOR only, enforced
 * here on the server as well as by hiding the buttons; each mark is made in the name of the
 * signed-in user. Stateless and thread-safe; the user is taken from the calling thread's security
 * context.
 */
@Component
public class TrainingClient {

    private final AntiSpamTraining training;

    public TrainingClient(AntiSpamTraining training) {
        this.training = training;
    }

    /** Whether the signed-in user may train. */
    public boolean canTrain() {
        return Roles.isAdministrator();
    }

    /** Marks a Backup copy. */
    public TrainingMarkView markBackupCopy(String backupId, TrainingVerdict verdict) {
        return training.trainBackupCopy(backupId, verdict, actor());
    }

    /** Marks a message by queue id, through its Backup copy. */
    public TrainingMarkView markQueued(String queueId, TrainingVerdict verdict) {
        return training.trainQueued(queueId, verdict, actor());
    }

    /** Takes a mark back. */
    public TrainingMarkView untrain(String trainingId) {
        return training.untrain(trainingId, actor());
    }

    private String actor() {
        if (!canTrain()) {
            throw new AccessDeniedException("Only administrators can train the spam filter");
        }
        return Roles.actor();
    }
}
