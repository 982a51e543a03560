package io.bulwark.scan.policy;

import io.bulwark.events.rule.RuleEntry;
import java.util.List;

/**
 * The envelope recipients of one message that the same rule applies to.
 *
 * @param rule       the rule
 * @param recipients recipients in envelope order
 */
public record RecipientGroup(RuleEntry rule, List<String> recipients) {

    public RecipientGroup {
        recipients = List.copyOf(recipients);
    }
}
