package io.bulwark.bench;

import io.bulwark.bench.jmh.RulesBenchmark;
import io.bulwark.scan.antiphishing.links.LinkExtractor;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.antispam.rules.RuleFile;
import io.bulwark.scan.antispam.rules.RuleInput;
import io.bulwark.scan.antispam.rules.RulesCheck;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time (not wall time) of the anti-spam rule engine per message, with and without the literal
 * pre-filter (ADR 0036), alternating the two in one process so that both see the same machine.
 * For a shared machine, where JMH's wall-clock scores measure the neighbours: a thread's CPU time
 * moves with load far less (cache and frequency effects only).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.bulwark.bench.RulesCpu [generated|DIR] [rounds]</pre>
 *
 * Prints the median over the rounds of µs of CPU per message for the rules alone (message text
 * built beforehand), then for building the message text itself, and checks that both variants
 * fire the same symbols on every message; last, what the engines read of a body per message (the
 * anti-spam text and three link extractions on a view with nothing derived yet, ADR 0040), CPU and
 * allocation.
 */
public final class RulesCpu {
    private RulesCpu() {
    }

    public static void main(String[] args) throws IOException {
        String corpus = args.length > 0 ? args[0] : "generated";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        RuleInput[] inputs = inputs(corpus);
        RulesCheck filtered = RulesCheck.starter();
        RulesCheck unfiltered = RulesCheck.unfiltered(RuleFile.starter());
        for (RuleInput in : inputs) {
            if (!filtered.fire(in).equals(unfiltered.fire(in))) {
                throw new IllegalStateException("the pre-filter changed the symbols of a message");
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] with = new double[rounds];
        double[] without = new double[rounds];
        for (int r = -3; r < rounds; r++) { // three rounds of warm-up
            double a = pass(mx, filtered, inputs, null);
            double b = pass(mx, unfiltered, inputs, null);
            if (r >= 0) {
                with[r] = a;
                without[r] = b;
            }
        }
        double[] text = new double[rounds];
        MessageView[] views = Arrays.stream(inputs).map(RuleInput::message).toArray(MessageView[]::new);
        for (int r = -3; r < rounds; r++) {
            long start = mx.getCurrentThreadCpuTime();
            int urls = 0;
            for (MessageView view : views) {
                urls += MessageText.render(view).urls().size();
            }
            if (r >= 0) {
                text[r] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / views.length + (urls < 0 ? 1 : 0);
            }
        }
        // what the engines read of a body per message as the pipeline asks for it: the anti-spam text
        // once and the links three times (three anti-phishing checks), on a view with nothing derived yet
        double[] textAndLinks = new double[rounds];
        double[] allocated = new double[rounds];
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        LinkExtractor extractor = new LinkExtractor();
        for (int r = -3; r < rounds; r++) {
            long bytes = alloc.getCurrentThreadAllocatedBytes();
            long start = mx.getCurrentThreadCpuTime();
            int found = 0;
            for (MessageView view : views) {
                MessageView fresh = RulesBenchmark.unread(view);
                found += MessageText.of(fresh).urls().size();
                for (int check = 0; check < 3; check++) {
                    found += extractor.extract(fresh).links().size();
                }
            }
            if (r >= 0) {
                textAndLinks[r] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / views.length + (found < 0 ? 1 : 0);
                allocated[r] = (alloc.getCurrentThreadAllocatedBytes() - bytes) / 1024.0 / views.length;
            }
        }
        Arrays.sort(textAndLinks);
        Arrays.sort(allocated);
        Arrays.sort(text);
        Arrays.sort(with);
        Arrays.sort(without);
        System.out.printf("corpus %s, %d messages, %d rounds, load average %.1f%n", corpus, inputs.length, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("rules, CPU us/msg, median [min-max]: pre-filter %.1f [%.1f-%.1f], none %.1f [%.1f-%.1f],"
                + " ratio %.3f%n", with[rounds / 2], with[0], with[rounds - 1], without[rounds / 2], without[0],
                without[rounds - 1], with[rounds / 2] / without[rounds / 2]);
        System.out.printf("message text (MessageText.render: HTML rendering, links), CPU us/msg, median [min-max]:"
                + " %.1f [%.1f-%.1f]%n", text[rounds / 2], text[0], text[rounds - 1]);
        System.out.printf("text and links (MessageText.of + 3 x LinkExtractor.extract on a new view), CPU us/msg,"
                + " median [min-max]: %.1f [%.1f-%.1f], allocated KB/msg median %.1f%n", textAndLinks[rounds / 2],
                textAndLinks[0], textAndLinks[rounds - 1], allocated[rounds / 2]);
    }

    /** The messages of {@code corpus} ({@link RulesBenchmark#sample}), parsed, their text rendered. */
    static RuleInput[] inputs(String corpus) throws IOException {
        List<byte[]> raw = RulesBenchmark.sample(corpus);
        MessageViewParser parser = new MessageViewParser();
        RuleInput[] inputs = new RuleInput[raw.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = RulesBenchmark.input(parser.parse(raw.get(i)));
        }
        return inputs;
    }

    /**
     * CPU microseconds per message of one pass of {@code check} over {@code inputs}; the symbols it
     * fired go to {@code fired[0]} when given (and keep the work from being optimised away).
     */
    static double pass(ThreadMXBean mx, RulesCheck check, RuleInput[] inputs, int[] fired) {
        long start = mx.getCurrentThreadCpuTime();
        int symbols = 0;
        for (RuleInput in : inputs) {
            symbols += check.fire(in).size();
        }
        long ns = mx.getCurrentThreadCpuTime() - start;
        if (symbols < 0) {
            throw new AssertionError();
        }
        if (fired != null) {
            fired[0] = symbols;
        }
        return ns / 1000.0 / inputs.length;
    }
}
