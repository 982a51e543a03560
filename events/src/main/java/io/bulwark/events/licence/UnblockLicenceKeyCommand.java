package io.bulwark.events.licence;

import io.bulwark.events.AggregateCommand;

/**
 * Take a licence number off the deny list.
 *
 * @param licenceNumber the licence number
 * @param actor         the administrator
 */
public record UnblockLicenceKeyCommand(String licenceNumber, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return LicenceIds.AGGREGATE_ID;
    }
}
