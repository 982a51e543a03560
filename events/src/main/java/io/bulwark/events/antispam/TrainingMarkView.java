package io.bulwark.events.antispam;

import java.time.Instant;

/**
 * A training mark as the API and the console show it.
 *
 * @param trainingId the mark ({@link TrainingIds})
 * @param verdict    its verdict now; null once taken back
 * @param queueId    the message's queue id, or the corpus file name
 * @param sha256     hex SHA-256 of the tokenized bytes
 * @param tokens     how many distinct token hashes it carries
 * @param source     where the bytes were read
 * @param sourceId   the backup id or file name
 * @param actor      who made the last change
 * @param at         when
 */
public record TrainingMarkView(String trainingId, TrainingVerdict verdict, String queueId, String sha256,
        int tokens, TrainingSource source, String sourceId, String actor, Instant at) {
}
