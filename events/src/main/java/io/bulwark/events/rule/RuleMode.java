package io.bulwark.events.rule;

/** How a rule treats the mail it matches (reference notes A.0, "rule-level modes"). */
public enum RuleMode {
    /** Run the enabled modules and act on their statuses. */
    SCAN,
    /** Refuse the DATA with a 5xx, nothing scanned. */
    REJECT_WITHOUT_SCANNING,
    /** Accept and silently drop, nothing scanned. */
    DELETE_WITHOUT_NOTIFYING,
    /** Deliver unchanged, nothing scanned. */
    SKIP_WITHOUT_SCANNING
}
