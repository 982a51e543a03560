package io.bulwark.events.antispam;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A wrong mark was taken back: the statistics forget the tokens of {@code trainingId} under its
 * verdict. The hashes are repeated from the {@link MessageTrainedEvent} so a projection can undo
 * the mark from this event alone.
 *
 * @param trainingId the mark that is undone
 * @param verdict    the verdict it had
 * @param tokenizer  the tokenizer of that mark
 * @param tokens     its token hashes
 * @param actor      who took it back
 * @param at         when
 */
@EventRevision("1")
public record MessageUntrainedEvent(String trainingId, TrainingVerdict verdict, String tokenizer, List<Long> tokens,
        String actor, Instant at) {

    public MessageUntrainedEvent {
        Objects.requireNonNull(trainingId, "trainingId");
        Objects.requireNonNull(verdict, "verdict");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
}
