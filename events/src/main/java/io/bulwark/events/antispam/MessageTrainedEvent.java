package io.bulwark.events.antispam;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message was marked as spam or ham for the Bayes classifier.
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
 */
@EventRevision("1")
public record MessageTrainedEvent(String trainingId, String queueId, String sha256, TrainingVerdict verdict,
        String tokenizer, List<Long> tokens, String actor, Instant at) {

    public MessageTrainedEvent {
        Objects.requireNonNull(trainingId, "trainingId");
        Objects.requireNonNull(verdict, "verdict");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
}
