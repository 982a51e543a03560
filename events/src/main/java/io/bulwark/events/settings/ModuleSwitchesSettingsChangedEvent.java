package io.bulwark.events.settings;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The global module switches of every node became {@code settings}; {@code previous} is what was in force before
 * (the last change, or on the first change the start values from the properties). Gateways apply
 * {@code settings} as a whole to the next session, delivery or lookup.
 */
@EventRevision("1")
public record ModuleSwitchesSettingsChangedEvent(ModuleSwitches previous, ModuleSwitches settings, String actor, Instant at)
        implements SettingsChange<ModuleSwitches> {
    @Override
    public String areaId() {
        return SettingsIds.MODULES;
    }
}
