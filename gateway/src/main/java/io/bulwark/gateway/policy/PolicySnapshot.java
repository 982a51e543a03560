package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.RuleMatcher;
import io.bulwark.scan.policy.GlobalListsMatcher;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleEntry;
import java.util.List;

/**
 * One consistent version of the gateway's policy: the ordered rules and the global lists, with
 * their patterns compiled. Built by the tracking processor from
 * {@link io.bulwark.events.rule.RuleListProjection} and
 * {@link io.bulwark.events.rule.GlobalListsProjection} after each change, and swapped atomically,
 * so a message is always judged by one version. Immutable and thread-safe.
 */
public final class PolicySnapshot {
    private final List<RuleEntry> rules;
    private final RuleMatcher matcher;
    private final GlobalListsMatcher lists;

    public PolicySnapshot(List<RuleEntry> rules, GlobalListsView lists) {
        this.rules = List.copyOf(rules);
        this.matcher = new RuleMatcher(this.rules);
        this.lists = new GlobalListsMatcher(lists);
    }

    public List<RuleEntry> rules() {
        return rules;
    }

    public RuleMatcher matcher() {
        return matcher;
    }

    public GlobalListsMatcher lists() {
        return lists;
    }
}
