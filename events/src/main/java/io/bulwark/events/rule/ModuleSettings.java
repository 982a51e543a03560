package io.bulwark.events.rule;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * One module section of a rule: whether the module runs for this rule, what to do per status, and
 * the module's options (thresholds, temporary failures).
 *
 * @param enabled whether the module scans mail that this rule applies to
 * <p>Since rule events revision 2 every stored section is {@linkplain #complete complete}: an
 * entry for every status of the module and every option, so that what a stored rule does never
 * depends on the factory defaults of the code that reads it. Revision-1 sections were sparse; the
 * store's {@code io.bulwark.store.upcasting.RuleEventsUpcaster} completes them with the defaults of
 * that time, frozen. The fallbacks below therefore only serve sections built in code.
 *
 * @param actions per-status reactions; a status without an entry uses its factory default
 *                ({@link ScanStatus#defaultAction()} and friends)
 * @param options per-rule options by {@link ModuleOption#key()}; a missing one has its default
 */
public record ModuleSettings(boolean enabled, Map<ScanStatus, StatusAction> actions, Map<String, String> options) {

    public ModuleSettings {
        actions = actions == null ? Map.of() : Map.copyOf(actions);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A section without options (they take their defaults). */
    public ModuleSettings(boolean enabled, Map<ScanStatus, StatusAction> actions) {
        this(enabled, actions, Map.of());
    }

    /** The reaction configured for the status, or the status's factory default. */
    public StatusAction actionFor(ScanStatus status) {
        StatusAction configured = actions.get(status);
        return configured != null ? configured : defaultFor(status);
    }

    /** The option's value in this section, or its default. */
    public String option(ModuleOption option) {
        String value = options.get(option.key());
        return value != null ? value : option.defaultValue();
    }

    /** A numeric option (thresholds). */
    public double number(ModuleOption option) {
        try {
            return Double.parseDouble(option(option));
        } catch (NumberFormatException e) {
            return Double.parseDouble(option.defaultValue());
        }
    }

    /** A list option's items ({@link ModuleOption#list}). */
    public java.util.List<String> list(ModuleOption option) {
        return ModuleOption.list(option(option));
    }

    /** A size option in bytes; an invalid stored value reads as its default. */
    public long bytes(ModuleOption option) {
        long bytes = ModuleOption.bytes(option(option));
        return bytes >= 0 ? bytes : ModuleOption.bytes(option.defaultValue());
    }

    /** A level option; an invalid stored value reads as its default. */
    public int level(ModuleOption option) {
        try {
            return Integer.parseInt(option(option).strip());
        } catch (NumberFormatException e) {
            return Integer.parseInt(option.defaultValue());
        }
    }

    /** Whether a yes/no choice option says yes. */
    public boolean yes(ModuleOption option) {
        return "yes".equalsIgnoreCase(option(option));
    }

    /** Whether a temporary failure of this module answers 451 (else it counts as ERROR). */
    public boolean defersOnTemporaryFailure() {
        return !"accept".equalsIgnoreCase(option(ModuleOption.TEMPORARY_FAILURE));
    }

    /** The same section with an option set. */
    public ModuleSettings withOption(ModuleOption option, String value) {
        Map<String, String> copy = new java.util.TreeMap<>(options);
        copy.put(option.key(), value);
        return new ModuleSettings(enabled, actions, copy);
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
        Map<String, String> options = new java.util.TreeMap<>();
        for (ModuleOption option : ModuleOption.of(module)) {
            options.put(option.key(), option.defaultValue(module));
        }
        return new ModuleSettings(enabled, actions, options);
    }

    /**
     * The same section with every status of {@code module} and every option of the module spelled
     * out: entries present are kept as they are (invalid ones included, so that validation still
     * sees them), missing ones get what {@link #actionFor} and {@link #option} read for them today.
     */
    public ModuleSettings complete(ProtectionModule module) {
        Map<ScanStatus, StatusAction> allActions = new EnumMap<>(ScanStatus.class);
        for (ScanStatus status : module.statuses()) {
            allActions.put(status, actionFor(status));
        }
        allActions.putAll(actions);
        Map<String, String> allOptions = new java.util.TreeMap<>();
        for (ModuleOption option : ModuleOption.of(module)) {
            String value = options.get(option.key());
            allOptions.put(option.key(), value != null ? value : option.defaultValue(module));
        }
        allOptions.putAll(options);
        return new ModuleSettings(enabled, allActions, allOptions);
    }

    /** The same section with the given reaction for one status. */
    public ModuleSettings with(ScanStatus status, StatusAction action) {
        Map<ScanStatus, StatusAction> copy = new EnumMap<>(ScanStatus.class);
        copy.putAll(actions);
        copy.put(status, action);
        return new ModuleSettings(enabled, copy, options);
    }

    /** The same section, switched on or off. */
    public ModuleSettings withEnabled(boolean on) {
        return new ModuleSettings(on, actions, options);
    }
}
