package io.bulwark.bench.jmh;

import io.bulwark.scan.antiphishing.DeceptiveLinkCheck;
import io.bulwark.scan.antiphishing.UrlFeed;
import io.bulwark.scan.antiphishing.UrlFeedCheck;
import io.bulwark.scan.antiphishing.links.Link;
import io.bulwark.scan.antiphishing.links.LinkExtractor;
import io.bulwark.scan.antiphishing.links.WebAddress;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Links extracted and judged per second: generated HTML messages of {@value #LINKS} links each
 * (tracked newsletter links, text that shows a domain, redirectors, IP and punycode hosts, a
 * password form, images), parsed once; one operation is one link.
 *
 * <ul>
 *   <li>{@code extract}: {@link LinkExtractor} over the parsed view (jsoup, address reading), in
 *       a new view each time, as the extractor keeps a message's links in its view (ADR 0040);</li>
 *   <li>{@code judge}: {@link DeceptiveLinkCheck} on the extracted links (public suffixes,
 *       confusable skeletons, lookalikes of six protected domains) plus a lookup of each link in
 *       a one-million-entry feed;</li>
 *   <li>{@code extractAndJudge}: both, what the checks do per message;</li>
 *   <li>{@code feedLookup}: one lookup in the one-million-entry feed (half addresses, half
 *       domains), to show it stays constant-time.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class AntiPhishingBenchmark {
    static final int LINKS = 20;
    private static final int MESSAGES = 200;

    private MessageView[] views;
    private List<Link>[] extracted;
    private WebAddress[] probes;
    private int next;
    private final LinkExtractor extractor = new LinkExtractor();
    private final DeceptiveLinkCheck check = new DeceptiveLinkCheck(List.of("corp.example", "paypal.com",
            "microsoft.com", "apple.com", "amazon.com", "bulwark-bank.com"));
    private final PublicSuffixList suffixes = PublicSuffixList.bundled();
    private UrlFeed feed;
    private UrlFeedCheck feedCheck;
    private Path feedFile;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        SplittableRandom rng = new SplittableRandom(13);
        MessageViewParser parser = new MessageViewParser();
        views = new MessageView[MESSAGES];
        extracted = new List[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            StringBuilder html = new StringBuilder("<html><body><p>Hello,</p>");
            for (int l = 0; l < LINKS; l++) {
                html.append(link(rng, i, l));
            }
            html.append("</body></html>");
            String raw = "From: News <news@shop" + i + ".example>\r\nTo: a@corp.example\r\nSubject: offers\r\n"
                    + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n";
            views[i] = parser.parse(raw.getBytes(StandardCharsets.UTF_8));
            extracted[i] = extractor.extract(views[i]).links();
            if (extracted[i].size() != LINKS) {
                throw new IllegalStateException("message " + i + " has " + extracted[i].size() + " links");
            }
        }
        feedFile = Files.createTempFile("bench-feed", ".txt");
        try (BufferedWriter w = Files.newBufferedWriter(feedFile)) {
            for (int i = 0; i < 500_000; i++) {
                w.write("https://host" + i + ".phish.test/login/" + i + "\n");
                w.write("domain" + i + ".malware.test\n");
            }
        }
        feed = new UrlFeed("million", feedFile);
        feedCheck = new UrlFeedCheck(List.of(feed), List.of());
        probes = new WebAddress[1024];
        for (int i = 0; i < probes.length; i++) {
            int n = rng.nextInt(1_000_000);
            probes[i] = WebAddress.parse(switch (i % 3) {
                case 0 -> "https://host" + (n / 2) + ".phish.test/login/" + (n / 2);
                case 1 -> "http://a.b.domain" + (n / 2) + ".malware.test/x";
                default -> "https://www.unlisted" + n + ".example.org/page?id=" + n;
            }).orElseThrow();
        }
    }

    private static String link(SplittableRandom rng, int message, int l) {
        int kind = rng.nextInt(10);
        return switch (kind) {
            case 0 -> "<a href='https://click.mailer.example/t?u=https%3A%2F%2Fshop" + message
                    + ".example%2Fitem%2F" + l + "'>https://shop" + message + ".example</a>";
            case 1 -> "<a href='https://paypal.account-check.test/s'>https://www.paypal.com</a>";
            case 2 -> "<a href='https://bit.ly/x" + l + "'>details</a>";
            case 3 -> "<a href='http://3232235" + (700 + l) + "/'>here</a>";
            case 4 -> "<a href='https://xn--pypal-4ve.com/login'>sign in</a>";
            case 5 -> "<img src='https://cdn.shop" + message + ".example/img/" + l + ".png'>";
            case 6 -> "<form action='https://collect.test/p'><input type=password></form>";
            default -> "<p>Read more at <a href='https://www.shop" + message + ".example/news/" + l
                    + "?utm_source=mail'>our site</a></p>";
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(feedFile);
    }

    @Benchmark
    @OperationsPerInvocation(LINKS)
    public void extract(Blackhole bh) {
        bh.consume(extractor.extract(RulesBenchmark.unread(views[next++ % MESSAGES])));
    }

    @Benchmark
    @OperationsPerInvocation(LINKS)
    public void judge(Blackhole bh) {
        List<Link> links = extracted[next++ % MESSAGES];
        bh.consume(check.judge(links, suffixes));
        bh.consume(feedCheck.judge(links));
    }

    @Benchmark
    @OperationsPerInvocation(LINKS)
    public void extractAndJudge(Blackhole bh) {
        List<Link> links = extractor.extract(RulesBenchmark.unread(views[next++ % MESSAGES])).links();
        bh.consume(check.judge(links, suffixes));
        bh.consume(feedCheck.judge(links));
    }

    @Benchmark
    public void feedLookup(Blackhole bh) {
        bh.consume(feed.match(probes[next++ & 1023]));
    }
}
