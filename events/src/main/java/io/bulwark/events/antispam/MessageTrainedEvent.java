package io.bulwark.events.antispam;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message was marked as spam or ham for the Bayes classifier. Appended by the training mark's
 * aggregate (stream {@code trainingId}, see {@link TrainingIds}).
 *
 * @param trainingId unique id of this mark (an untraining refers to it)
 * @param queueId    the gateway queue id of the message (Backup, quarantine, tracking), or the
 *                   file name of a corpus import
 * @param sha256     hex SHA-256 of the message bytes that were tokenized
 * @param verdict    spam or ham
 * @param tokenizer  the tokenizer's name and version ("bulwark-1"); statistics only combine
 *                   tokens of the same tokenizer
 * @param tokens     the distinct token hashes of the message (64-bit, see the package doc)
 * @param actor      who marked it (an administrator, "corpus-import")
 * @param at         when
 * @param source     where the tokenized bytes came from (revision 2; null in revision 1, which no
 *                   released build emitted)
 * @param sourceId   which copy there: the backup id, or the file name of a corpus import
 */
@EventRevision("2")
public record MessageTrainedEvent(String trainingId, String queueId, String sha256, TrainingVerdict verdict,
        String tokenizer, List<Long> tokens, String actor, Instant at, TrainingSource source, String sourceId) {

    /** A mark without a named source (tests, revision 1). */
    public MessageTrainedEvent(String trainingId, String queueId, String sha256, TrainingVerdict verdict,
            String tokenizer, List<Long> tokens, String actor, Instant at) {
        this(trainingId, queueId, sha256, verdict, tokenizer, tokens, actor, at, null, null);
    }

    public MessageTrainedEvent {
        Objects.requireNonNull(trainingId, "trainingId");
        Objects.requireNonNull(verdict, "verdict");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
}
