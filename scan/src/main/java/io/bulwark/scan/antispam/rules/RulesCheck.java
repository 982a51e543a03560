package io.bulwark.scan.antispam.rules;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.TrustedNetworks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anti-spam check that runs the header, body, URI, eval and meta rules of rule files
 * ({@link RuleFile}) and reports every rule that fires as its symbol, with the rule's reason.
 * Defends against the tell-tale shapes of bulk spam (shouting subjects, money and urgency phrases,
 * HTML-only or image-only bodies, forged mailers and dates, link shorteners, mismatched reply
 * addresses); what counts as spam is the sum of the weights against the rule's thresholds, decided
 * by {@link io.bulwark.scan.pipeline.ModuleJudge}, never here.
 *
 * <p>Uses the {@link PublicSuffixList} and {@link TrustedNetworks} services when the node has them
 * (the bundled list and "no trusted networks" otherwise). Rules are evaluated in file order so a
 * meta rule sees the rules above it. A message whose parse hit a limit and fires nothing is
 * SKIPPED with the parser's problems, never clean.
 *
 * <p>Immutable and thread-safe: the compiled rules are shared by all messages.
 */
public final class RulesCheck implements Check {
    private final List<Rule> rules;
    private final RulePrefilter prefilter;

    /** @param rules the rules, in evaluation order (e.g. {@link RuleFile#starter()}) */
    public RulesCheck(List<Rule> rules) {
        this(rules, true);
    }

    private RulesCheck(List<Rule> rules, boolean prefiltered) {
        this.rules = List.copyOf(rules);
        this.prefilter = prefiltered ? RulePrefilter.of(this.rules) : RulePrefilter.none(this.rules.size());
    }

    /**
     * The same rules with every expression run on every message, as before the pre-filter (ADR
     * 0036): the reference for its tests and the "before" of the bench's {@code RulesBenchmark}.
     */
    public static RulesCheck unfiltered(List<Rule> rules) {
        return new RulesCheck(rules, false);
    }

    /** The starter rules that ship with Bulwark. */
    public static RulesCheck starter() {
        return new RulesCheck(RuleFile.starter());
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return rules.stream().map(r -> new SymbolDefinition(r.name(), ProtectionModule.ANTI_SPAM, r.weight(), null,
                r.reason())).toList();
    }

    @Override
    public CheckResult run(CheckContext context) {
        MessageView message = context.message();
        RuleInput input = new RuleInput(message, MessageText.of(message), context.envelope(),
                context.find(PublicSuffixList.class).orElseGet(PublicSuffixList::bundled),
                context.find(TrustedNetworks.class).orElseGet(TrustedNetworks::none));
        List<Symbol> symbols = fire(input);
        if (symbols.isEmpty() && message.incomplete()) {
            return CheckResult.skipped(String.join("; ", message.problems()));
        }
        return CheckResult.of(symbols);
    }

    /** The symbols of the rules that fire on one message, in rule order. */
    public List<Symbol> fire(RuleInput input) {
        Map<String, Boolean> fired = new HashMap<>();
        List<Symbol> symbols = new ArrayList<>();
        RulePrefilter.Sightings bodyLiterals = null;
        Map<String, boolean[]> valueLiterals = new HashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            int index = r;
            boolean hit;
            if (!prefilter.filters(r)) {
                hit = rule.condition().test(input, fired);
            } else {
                // a rule whose expression needs a literal the text lacks cannot match: skip the expression
                switch (rule.condition()) {
                    case Condition.Body body -> {
                        if (bodyLiterals == null) {
                            bodyLiterals = prefilter.sightings(input.text().text());
                        }
                        hit = prefilter.bodyMatches(r, body.pattern(), input.text().text(), bodyLiterals);
                    }
                    case Condition.Header header -> hit = header.test(input,
                            v -> prefilter.mayMatch(index, v, valueLiterals));
                    case Condition.Uri uri -> hit = uri.test(input, u -> prefilter.mayMatch(index, u, valueLiterals));
                    default -> hit = rule.condition().test(input, fired);
                }
            }
            fired.put(rule.name(), hit);
            if (hit) {
                symbols.add(Symbol.of(rule.name(), rule.reason()));
            }
        }
        return symbols;
    }
}
