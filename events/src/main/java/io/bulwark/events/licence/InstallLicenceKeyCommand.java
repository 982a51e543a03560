package io.bulwark.events.licence;

import io.bulwark.events.AggregateCommand;

/**
 * Install a verified licence key as the active or the additional key. Installing as active when a
 * key is active replaces it; installing as additional replaces an additional key. The caller (the
 * admin backend) has verified the key file's signature; the aggregate checks the key's validity
 * for the slot (a trial installs once; an active key must have started; an expired trial is refused).
 *
 * @param slot   active or additional
 * @param key    what the verified key certifies
 * @param source {@value LicenceIds#SOURCE_FILE} or {@value LicenceIds#SOURCE_ACTIVATION_CODE}
 * @param actor  the administrator
 */
public record InstallLicenceKeyCommand(LicenceSlot slot, LicenceKeyFacts key, String source, String actor)
        implements AggregateCommand {
    @Override
    public String targetId() {
        return LicenceIds.AGGREGATE_ID;
    }
}
