package io.bulwark.events.query.rule;

/**
 * The ordered rule list, answered with a {@code List<RuleView>} (position 0 first, Default last).
 *
 * @param minVersion the sequence number of the rule set's event the answer must include, or -1 for
 *                   "whatever the read model holds now". A writer that has just sent a command
 *                   passes the rule set's last sequence number, so that it reads its own change even
 *                   though the read model is updated asynchronously; the handler waits a few seconds
 *                   at most and then answers with what it has.
 */
public record FindRulesQuery(long minVersion) {

    /** The current list, without waiting. */
    public static FindRulesQuery current() {
        return new FindRulesQuery(-1);
    }
}
