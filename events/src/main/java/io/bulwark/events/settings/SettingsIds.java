package io.bulwark.events.settings;

/** Aggregate identifiers of the settings areas (one instance each). */
public final class SettingsIds {
    /** Mail routing: relay domains, mynetworks, relayhost, transport map, recipient verification. */
    public static final String ROUTING = "settings-routing";

    private SettingsIds() {
    }
}
