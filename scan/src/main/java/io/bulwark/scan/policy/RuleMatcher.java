package io.bulwark.scan.policy;

import io.bulwark.events.rule.AddressPattern;
import io.bulwark.events.rule.IpNetwork;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.scan.message.Envelope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the rule for each sender-recipient pair (reference notes B): rules are tried top-down by
 * position; the first <em>enabled</em> rule whose sender criteria (envelope sender patterns, or
 * client IP networks) and recipient criteria both match applies, and the search stops; when none
 * does, the Default rule applies. Recipients that get the same rule form one group.
 *
 * <p>Built once per rule list snapshot (patterns compiled up front); immutable and thread-safe.
 * Criteria were validated by the rule set when they were saved. A stored pattern that today's
 * {@link AddressPattern} refuses (a Java-only regex saved before patterns moved to the linear RE2
 * engine, see {@code docs/rules.md}) must not stop the policy projection: it is logged as a
 * warning and matches nothing, while the rule's other criteria keep working. Failing open for that
 * one pattern is the lesser harm; refusing all mail, or stalling sessions on a backtracking regex,
 * would be worse.
 */
public final class RuleMatcher {
    private static final Logger log = LoggerFactory.getLogger(RuleMatcher.class);

    private final List<Compiled> rules;
    private final RuleEntry defaultRule;

    public RuleMatcher(List<RuleEntry> orderedRules) {
        List<Compiled> compiled = new ArrayList<>();
        RuleEntry def = null;
        for (RuleEntry r : orderedRules) {
            if (r.kind() == RuleKind.DEFAULT) {
                def = r;
            } else if (r.enabled()) {
                compiled.add(new Compiled(r, patterns(r, "sender", r.definition().senders().addresses()),
                        networks(r.definition().senders().networks()),
                        patterns(r, "recipient", r.definition().recipients().addresses())));
            }
        }
        if (def == null) {
            throw new IllegalArgumentException("the rule list has no Default rule");
        }
        this.rules = List.copyOf(compiled);
        this.defaultRule = def;
    }

    /** The rule for one sender-recipient pair. */
    public RuleEntry ruleFor(String sender, String clientAddress, String recipient) {
        for (Compiled c : rules) {
            if (c.matchesSender(sender, clientAddress) && c.matchesRecipient(recipient)) {
                return c.entry;
            }
        }
        return defaultRule;
    }

    /** Groups the envelope's recipients by the rule that applies, in order of first appearance. */
    public List<RecipientGroup> group(Envelope envelope) {
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        Map<String, RuleEntry> rulesById = new LinkedHashMap<>();
        for (String rcpt : envelope.recipients()) {
            RuleEntry r = ruleFor(envelope.sender(), envelope.clientAddress(), rcpt);
            byRule.computeIfAbsent(r.ruleId(), k -> new ArrayList<>()).add(rcpt);
            rulesById.putIfAbsent(r.ruleId(), r);
        }
        List<RecipientGroup> groups = new ArrayList<>();
        byRule.forEach((id, rcpts) -> groups.add(new RecipientGroup(rulesById.get(id), rcpts)));
        return groups;
    }

    private static List<AddressPattern> patterns(RuleEntry rule, String side, List<String> sources) {
        List<AddressPattern> out = new ArrayList<>();
        for (String s : sources) {
            try {
                out.add(AddressPattern.parse(s));
            } catch (IllegalArgumentException e) {
                log.warn("rule '{}' ({}): {} pattern '{}' matches nothing until the rule is edited: {}",
                        rule.name(), rule.ruleId(), side, s, e.getMessage());
            }
        }
        return out;
    }

    private static List<IpNetwork> networks(List<String> sources) {
        List<IpNetwork> out = new ArrayList<>();
        for (String s : sources) {
            if (IpNetwork.isValid(s)) {
                out.add(IpNetwork.parse(s));
            }
        }
        return out;
    }

    private record Compiled(RuleEntry entry, List<AddressPattern> senders, List<IpNetwork> networks,
            List<AddressPattern> recipients) {
        boolean matchesSender(String sender, String clientAddress) {
            return senders.stream().anyMatch(p -> p.matches(sender))
                    || networks.stream().anyMatch(n -> n.contains(clientAddress));
        }

        boolean matchesRecipient(String recipient) {
            return recipients.stream().anyMatch(p -> p.matches(recipient));
        }
    }
}
