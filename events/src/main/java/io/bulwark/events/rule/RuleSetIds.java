package io.bulwark.events.rule;

/**
 * Aggregate identifiers of the configuration singletons. The rule set and the global lists are one
 * instance each, so their commands carry no identifier and route to these constants.
 */
public final class RuleSetIds {
    /** The one rule set. */
    public static final String RULES = "rules";
    /** The one pair of global allow/deny lists. */
    public static final String GLOBAL_LISTS = "global-lists";

    private RuleSetIds() {
    }
}
