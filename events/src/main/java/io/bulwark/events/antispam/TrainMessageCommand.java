package io.bulwark.events.antispam;

import io.bulwark.events.AggregateCommand;
import java.util.List;

/**
 * Mark a message as spam or ham. The caller has read and tokenized the message; the command carries
 * what the {@link MessageTrainedEvent} will (no body).
 *
 * @param trainingId {@link TrainingIds#of} the SHA-256
 * @param queueId    the message's queue id, or the corpus file name
 * @param sha256     hex SHA-256 of the tokenized bytes
 * @param verdict    spam or ham
 * @param tokenizer  the tokenizer's name
 * @param tokens     the distinct token hashes
 * @param source     where the bytes were read
 * @param sourceId   the backup id or file name
 * @param actor      the account that marked it
 */
public record TrainMessageCommand(String trainingId, String queueId, String sha256, TrainingVerdict verdict,
        String tokenizer, List<Long> tokens, TrainingSource source, String sourceId, String actor)
        implements AggregateCommand {

    public TrainMessageCommand {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    @Override
    public String targetId() {
        return trainingId;
    }
}
