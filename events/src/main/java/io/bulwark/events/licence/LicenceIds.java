package io.bulwark.events.licence;

/** Identifiers shared by the licence commands, events and their readers. */
public final class LicenceIds {
    /** The aggregate (and event stream) holding the installation's licence keys. */
    public static final String AGGREGATE_ID = "licence";
    /** How a key arrived: a key file uploaded by an administrator. */
    public static final String SOURCE_FILE = "key-file";
    /** How a key arrived: an activation code exchanged by the activation service. */
    public static final String SOURCE_ACTIVATION_CODE = "activation-code";
    /** Actor of the scheduled licence check. */
    public static final String SYSTEM_ACTOR = "system";

    private LicenceIds() {
    }
}
