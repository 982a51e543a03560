package io.bulwark.events.query.rule;

/**
 * The global allow and deny lists, answered with an {@link io.bulwark.events.rule.GlobalListsView}.
 *
 * @param minVersion the sequence number of the global lists' event the answer must include, or -1;
 *                   see {@link FindRulesQuery#minVersion()}
 */
public record FindGlobalListsQuery(long minVersion) {

    /** The current lists, without waiting. */
    public static FindGlobalListsQuery current() {
        return new FindGlobalListsQuery(-1);
    }
}
