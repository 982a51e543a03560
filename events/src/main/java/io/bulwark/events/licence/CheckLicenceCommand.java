package io.bulwark.events.licence;

import io.bulwark.events.AggregateCommand;

/**
 * Look at the licence now: promote the additional key when the active one has run out, and raise a
 * {@link LicenceNoticeRaisedEvent} when the state differs from the last notice raised. Sent by every
 * admin node's scheduled check and after each key change; the aggregate raises each transition
 * once, however many nodes ask.
 *
 * @param warningDays days before expiry from which {@link LicenceNotice#EXPIRES_SOON} is raised
 * @param enforce     whether an installation without a key is unlicensed ({@code bulwark.licence.enforce})
 * @param actor       who asked ({@value LicenceIds#SYSTEM_ACTOR} for the scheduled check)
 */
public record CheckLicenceCommand(int warningDays, boolean enforce, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return LicenceIds.AGGREGATE_ID;
    }
}
