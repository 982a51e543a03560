package io.bulwark.events.settings;

/** Aggregate identifiers of the settings areas (one instance each). */
public final class SettingsIds {
    /** Mail routing: relay domains, mynetworks, relayhost, transport map, recipient verification. */
    public static final String ROUTING = "settings-routing";
    /** Inbound and outbound TLS policies. */
    public static final String TLS_POLICY = "settings-tls-policy";
    /** The SMTP listener's limits, timeouts and banner host name. */
    public static final String MTA = "settings-mta";
    /** The global on/off switch of each protection module. */
    public static final String MODULES = "settings-modules";
    /** The DNS resolvers and query timeout. */
    public static final String DNS = "settings-dns";

    private SettingsIds() {
    }
}
