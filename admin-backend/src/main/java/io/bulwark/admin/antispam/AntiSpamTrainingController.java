package io.bulwark.admin.antispam;

import io.bulwark.events.antispam.TrainingMarkView;
import io.bulwark.events.antispam.TrainingVerdict;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bayes training over REST, under {@code /api/v1/antispam/training} (docs/antispam.md, "Training").
 * Reading a mark is open to every role; marking and taking back are for administrators (the API's
 * default rule in {@code ApiSecurityConfiguration}). Every change is recorded with the
 * authenticated account as actor.
 */
@RestController
@RequestMapping("/api/v1/antispam/training")
public class AntiSpamTrainingController {

    private final AntiSpamTraining training;

    public AntiSpamTrainingController(AntiSpamTraining training) {
        this.training = training;
    }

    /** Marks a Backup copy, or a message by queue id through its Backup copy; answers 201. */
    @PostMapping
    public ResponseEntity<TrainingMarkView> train(@RequestBody TrainingRequest request, Principal user) {
        if ((request.backupId() == null) == (request.queueId() == null)) {
            throw new InvalidTrainingException("Give either 'backupId' or 'queueId'");
        }
        TrainingMarkView mark = request.backupId() != null
                ? training.trainBackupCopy(request.backupId(), request.verdict(), user.getName())
                : training.trainQueued(request.queueId(), request.verdict(), user.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(mark);
    }

    /**
     * Marks a message sent as the body ({@code message/rfc822}, the raw {@code .eml}); the corpus
     * import ({@code ./bulwark train}) sends one request per file. Answers 201.
     */
    @PostMapping(path = "/messages", consumes = {"message/rfc822", "application/octet-stream"})
    public ResponseEntity<TrainingMarkView> trainMessage(@RequestParam TrainingVerdict verdict,
            @RequestParam(required = false) String name, @RequestBody byte[] message, Principal user) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(training.trainMessage(message, name, verdict, user.getName()));
    }

    /** A mark as it stands. */
    @GetMapping("/{trainingId}")
    public TrainingMarkView mark(@PathVariable String trainingId) {
        return training.find(trainingId).orElseThrow(() -> new UnknownTrainingException("No training mark "
                + trainingId));
    }

    /** Takes a wrong mark back; answers the mark, now without a verdict. */
    @DeleteMapping("/{trainingId}")
    public TrainingMarkView untrain(@PathVariable String trainingId, Principal user) {
        return training.untrain(trainingId, user.getName());
    }
}
