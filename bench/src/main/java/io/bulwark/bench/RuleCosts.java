package io.bulwark.bench;

import io.bulwark.scan.antispam.rules.Condition;
import io.bulwark.scan.antispam.rules.Rule;
import io.bulwark.scan.antispam.rules.RuleFile;
import io.bulwark.scan.antispam.rules.RuleInput;
import io.bulwark.scan.antispam.rules.RulesCheck;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the anti-spam rules' CPU per message is made of (issue 19, sixth session): thread CPU time
 * per message of each starter rule alone, as {@link RulesCheck} runs it with the literal
 * pre-filter (a check holding that one rule, so its own literal pass included), over a sample of
 * messages; and the whole check for reference. Meta rules are left out (they read the others'
 * answers only).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.bulwark.bench.RuleCosts [generated|DIR] [rounds]</pre>
 */
public final class RuleCosts {
    private RuleCosts() {
    }

    public static void main(String[] args) throws IOException {
        String corpus = args.length > 0 ? args[0] : "generated";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RuleInput[] inputs = RulesCpu.inputs(corpus);
        long textChars = 0;
        for (RuleInput in : inputs) {
            textChars += in.text().text().length();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Rule> rules = RuleFile.starter();
        Map<String, double[]> costs = new HashMap<>();
        Map<String, Integer> hits = new HashMap<>();
        RulesCheck whole = RulesCheck.starter();
        double[] all = new double[rounds];
        for (int r = -2; r < rounds; r++) {
            all[Math.max(0, r)] = RulesCpu.pass(mx, whole, inputs, null);
            for (Rule rule : rules) {
                if (rule.condition() instanceof Condition.Meta) {
                    continue;
                }
                RulesCheck one = new RulesCheck(List.of(rule));
                int[] fired = new int[1];
                double us = RulesCpu.pass(mx, one, inputs, fired);
                if (r >= 0) {
                    costs.computeIfAbsent(rule.name(), k -> new double[rounds])[r] = us;
                    hits.put(rule.name(), fired[0]);
                }
            }
        }
        System.out.printf("corpus %s, %d messages, %.0f body characters per message, %d rounds, load average %.1f%n",
                corpus, inputs.length, (double) textChars / inputs.length, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Arrays.sort(all);
        System.out.printf("whole check (%d rules), CPU us/msg, median: %.1f%n", rules.size(), all[rounds / 2]);
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(costs.entrySet());
        sorted.forEach(e -> Arrays.sort(e.getValue()));
        sorted.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[rounds / 2]));
        double sum = 0;
        for (var e : sorted) {
            sum += e.getValue()[rounds / 2];
        }
        System.out.printf("sum of the rules alone: %.1f us/msg%n", sum);
        System.out.println("rule, CPU us/msg median, messages it fired on");
        for (var e : sorted) {
            Rule rule = rules.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElseThrow();
            System.out.printf("  %-28s %8.1f %5d  %s%n", e.getKey(), e.getValue()[rounds / 2], hits.get(e.getKey()),
                    rule.condition().getClass().getSimpleName());
        }
    }
}
