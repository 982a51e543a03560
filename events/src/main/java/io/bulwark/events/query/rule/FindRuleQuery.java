package io.bulwark.events.query.rule;

/**
 * One rule, answered with a {@link RuleView} or nothing.
 *
 * @param name the rule's name, compared ignoring case and surrounding blanks; when no rule has
 *             that name, a rule whose identifier equals it is returned, so that a rule whose name
 *             cannot be written in a URL (it contains '/') can still be addressed
 */
public record FindRuleQuery(String name) {
}
