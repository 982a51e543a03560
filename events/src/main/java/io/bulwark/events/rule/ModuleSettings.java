package io.bulwark.events.rule;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * One module section of a rule: whether the module runs for this rule, and what to do per status.
 *
 * @param enabled whether the module scans mail that this rule applies to
 * @param actions per-status reactions; a status without an entry uses its factory default
 *                ({@link ScanStatus#defaultAction()} and friends)
 */
public record ModuleSettings(boolean enabled, Map<ScanStatus, StatusAction> actions) {

    public ModuleSettings {
        actions = actions == null ? Map.of() : Map.copyOf(actions);
    }

    /** The reaction configured for the status, or the status's factory default. */
    public StatusAction actionFor(ScanStatus status) {
        StatusAction configured = actions.get(status);
        return configured != null ? configured : defaultFor(status);
    }

    /** The factory default reaction to a status. */
    public static StatusAction defaultFor(ScanStatus status) {
        return new StatusAction(status.defaultAction(), status.defaultBackupCopy(), status.defaultSubjectTag());
    }

    /**
     * The factory section for a module: every status with its default, enabled for anti-virus,
     * anti-spam and anti-phishing, disabled for the others (as in a new rule of the commercial
     * gateway, where content filtering, sender authentication and the sandbox start switched off).
     */
    public static ModuleSettings defaults(ProtectionModule module) {
        Map<ScanStatus, StatusAction> actions = new EnumMap<>(ScanStatus.class);
        for (ScanStatus status : module.statuses()) {
            actions.put(status, defaultFor(status));
        }
        boolean enabled = switch (module) {
            case ANTI_VIRUS, ANTI_SPAM, ANTI_PHISHING -> true;
            case SENDER_AUTHENTICATION, CONTENT_FILTERING, EXTERNAL_SANDBOX -> false;
        };
        return new ModuleSettings(enabled, actions);
    }

    /** The same section with the given reaction for one status. */
    public ModuleSettings with(ScanStatus status, StatusAction action) {
        Map<ScanStatus, StatusAction> copy = new EnumMap<>(ScanStatus.class);
        copy.putAll(actions);
        copy.put(status, action);
        return new ModuleSettings(enabled, copy);
    }

    /** The same section, switched on or off. */
    public ModuleSettings withEnabled(boolean on) {
        return new ModuleSettings(on, actions);
    }
}
