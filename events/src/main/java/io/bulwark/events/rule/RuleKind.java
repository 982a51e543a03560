package io.bulwark.events.rule;

/** Whether a rule is one of the presets that every rule set starts with (reference notes B). */
public enum RuleKind {
    /** Created by an administrator. */
    CUSTOM,
    /** Preset "AllowList": skip without scanning; disabled until an administrator fills and enables it. */
    ALLOW_LIST,
    /** Preset "DenyList": reject without scanning; disabled until an administrator fills and enables it. */
    DENY_LIST,
    /** Preset "Default": applies when no other rule does; always last, always enabled, never deleted. */
    DEFAULT
}
