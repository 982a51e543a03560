package io.bulwark.events.licence;

import io.bulwark.events.AggregateCommand;

/**
 * Put a licence number on the deny list (a key reported stolen or refunded). While the active key
 * is blocked nothing is scanned and updates keep being tried, so an unblocking is noticed.
 *
 * @param licenceNumber the licence number
 * @param reason        why, for the audit trail
 * @param actor         the administrator (or the update that brought the deny list)
 */
public record BlockLicenceKeyCommand(String licenceNumber, String reason, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return LicenceIds.AGGREGATE_ID;
    }
}
