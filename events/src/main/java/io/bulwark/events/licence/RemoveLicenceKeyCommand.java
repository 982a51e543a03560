package io.bulwark.events.licence;

import io.bulwark.events.AggregateCommand;

/**
 * Remove the active or the additional key. Removing the active key makes the additional key
 * active, if there is one.
 *
 * @param slot  which key
 * @param actor the administrator
 */
public record RemoveLicenceKeyCommand(LicenceSlot slot, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return LicenceIds.AGGREGATE_ID;
    }
}
