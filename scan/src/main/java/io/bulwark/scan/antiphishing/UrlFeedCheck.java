package io.bulwark.scan.antiphishing;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.antiphishing.links.Link;
import io.bulwark.scan.antiphishing.links.LinkExtractor;
import java.util.List;

/**
 * Anti-phishing check of every link of a message (including images and forms) against local
 * phishing and malware feeds ({@link UrlFeed}). A listed address defends against known phishing
 * pages and malware downloads: {@value #PHISHING_FEED} and {@value #MALWARE_FEED} both imply
 * MALICIOUS_LINK; the phishing feed's weight also counts towards the PHISHING threshold. Reasons
 * name the feed and the entry that matched.
 *
 * <p>Fails only if extracting links fails; a feed file that is missing or unreadable simply lists
 * nothing (its last good content stays). Thread-safe.
 */
public final class UrlFeedCheck implements Check {
    public static final String PHISHING_FEED = "LINK_FEED_PHISHING";
    public static final String MALWARE_FEED = "LINK_FEED_MALWARE";

    private final List<UrlFeed> phishingFeeds;
    private final List<UrlFeed> malwareFeeds;
    private final LinkExtractor extractor = new LinkExtractor();

    public UrlFeedCheck(List<UrlFeed> phishingFeeds, List<UrlFeed> malwareFeeds) {
        this.phishingFeeds = List.copyOf(phishingFeeds);
        this.malwareFeeds = List.copyOf(malwareFeeds);
    }

    @Override
    public String name() {
        return "url-feeds";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_PHISHING;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return definitions();
    }

    /** The symbols with their default weights. */
    public static List<SymbolDefinition> definitions() {
        return List.of(
                new SymbolDefinition(PHISHING_FEED, ProtectionModule.ANTI_PHISHING, 50, ScanStatus.MALICIOUS_LINK,
                        "a link is listed in a phishing feed"),
                new SymbolDefinition(MALWARE_FEED, ProtectionModule.ANTI_PHISHING, 0, ScanStatus.MALICIOUS_LINK,
                        "a link is listed in a malware feed"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        return CheckResult.of(judge(extractor.extract(context.message()).links()));
    }

    /** The feed hits among the links. */
    public List<io.bulwark.scan.Symbol> judge(List<Link> links) {
        Findings f = new Findings();
        for (Link link : links) {
            if (!link.target().web()) {
                continue;
            }
            for (UrlFeed feed : phishingFeeds) {
                feed.match(link.target()).ifPresent(e -> f.add(PHISHING_FEED,
                        "link to " + link.target().host() + " is listed in phishing feed " + feed.name() + " (" + e + ")",
                        link.part()));
            }
            for (UrlFeed feed : malwareFeeds) {
                feed.match(link.target()).ifPresent(e -> f.add(MALWARE_FEED,
                        "link to " + link.target().host() + " is listed in malware feed " + feed.name() + " (" + e + ")",
                        link.part()));
            }
        }
        return f.symbols();
    }
}
