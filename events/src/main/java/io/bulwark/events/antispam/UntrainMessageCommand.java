package io.bulwark.events.antispam;

import io.bulwark.events.AggregateCommand;

/**
 * Take back a mark: the statistics forget the message's tokens under the verdict it has.
 *
 * @param trainingId the mark
 * @param actor      the account taking it back
 */
public record UntrainMessageCommand(String trainingId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return trainingId;
    }
}
