package io.bulwark.scan.antiphishing;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.antiphishing.links.Link;
import io.bulwark.scan.antiphishing.links.LinkExtractor;
import io.bulwark.scan.antiphishing.links.WebAddress;
import io.bulwark.scan.domain.PublicSuffixList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Anti-phishing check of the links in a message: it defends against links that show the reader
 * one site and take them to another, and against addresses made to look like a site they are
 * not. Every symbol's reason names the trick and the hosts involved.
 *
 * <ul>
 *   <li>{@value #TEXT_MISMATCH} (text written as an address, or naming a protected domain) and
 *       {@value #TEXT_DOMAIN_MISMATCH} (a bare domain name, weaker: newsletters write their
 *       brand's domain over their mailer's tracking links): the anchor text names a site whose registrable
 *       domain differs from the target's. Not reported when both share the registrable label under
 *       another public suffix ({@code brand.co.za} shown over {@code brand.com}), nor when the
 *       target is a wrapper whose query carries exactly one address, followed to its end (at most
 *       {@value #MAX_NESTING} levels), that is the shown domain (click tracking). Several
 *       embedded addresses, or a chain deeper than the limit, do not excuse (rspamd's rules).</li>
 *   <li>{@value #USERINFO}: a domain written before {@code @} in the authority
 *       ({@code https://bank.example@evil.test/}).</li>
 *   <li>{@value #LOOKALIKE}: a host imitating a protected domain ({@link Lookalikes}).</li>
 *   <li>{@value #CONFUSABLE}: a host label mixing scripts or made of letters that imitate
 *       Latin ones (UTS #39 through ICU4J).</li>
 *   <li>{@value #IP}, {@value #PUNYCODE}: a link to an IP address (also written as one number)
 *       or to an internationalised (xn--) host.</li>
 *   <li>{@value #REDIRECTOR}: a shortener or open redirector whose target is unknown offline.</li>
 *   <li>{@value #DATA_URL}, {@value #JAVASCRIPT_URL}: {@code data:} or {@code javascript:}
 *       addresses that a click, a form or a refresh would open.</li>
 *   <li>{@value #CREDENTIAL_FORM}: a form with a password field that posts to a site outside
 *       the protected domains.</li>
 * </ul>
 *
 * <p>Needs the {@link PublicSuffixList} service. Stateless and thread-safe. A message whose view
 * is incomplete (a parsing limit) and that shows nothing is NOT_SCANNED, as for every check.
 */
public final class DeceptiveLinkCheck implements Check {
    public static final String TEXT_MISMATCH = "PHISH_LINK_TEXT_MISMATCH";
    public static final String TEXT_DOMAIN_MISMATCH = "PHISH_LINK_TEXT_DOMAIN_MISMATCH";
    public static final String USERINFO = "PHISH_USERINFO_TRICK";
    public static final String LOOKALIKE = "PHISH_LOOKALIKE_DOMAIN";
    public static final String CONFUSABLE = "PHISH_CONFUSABLE_SCRIPT";
    public static final String IP = "PHISH_IP_TARGET";
    public static final String PUNYCODE = "PHISH_PUNYCODE_TARGET";
    public static final String REDIRECTOR = "PHISH_REDIRECTOR";
    public static final String DATA_URL = "PHISH_DATA_URL";
    public static final String JAVASCRIPT_URL = "PHISH_JAVASCRIPT_URL";
    public static final String CREDENTIAL_FORM = "PHISH_CREDENTIAL_FORM";

    /** How many wrapped addresses are followed (rspamd follows the same depth). */
    static final int MAX_NESTING = 5;

    private static final Pattern DOMAIN_TEXT = Pattern.compile(
            "(?i)(?:[a-z0-9\\p{L}](?:[a-z0-9\\p{L}-]{0,61}[a-z0-9\\p{L}])?\\.)+[a-z\\p{L}]{2,63}/?");

    private final LinkExtractor extractor = new LinkExtractor();
    private final SharedLookalikes lookalikes;

    /**
     * @param protectedDomains the relay domains and brand domains to defend against lookalikes and
     *                         to which credential forms may post
     */
    public DeceptiveLinkCheck(List<String> protectedDomains) {
        this.lookalikes = new SharedLookalikes(protectedDomains);
        Lookalikes.initialise(); // at start-up, not inside the first message (see there)
    }

    @Override
    public String name() {
        return "phishing-links";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_PHISHING;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return definitions();
    }

    /** The symbols with their default weights (also for documentation and the ham measurement). */
    public static List<SymbolDefinition> definitions() {
        ProtectionModule m = ProtectionModule.ANTI_PHISHING;
        return List.of(
                new SymbolDefinition(TEXT_MISMATCH, m, 60, null,
                        "link text is an address (scheme or www.) of one site, the link goes to another"),
                new SymbolDefinition(TEXT_DOMAIN_MISMATCH, m, 30, null,
                        "link text is a bare domain name, the link goes to another site"),
                new SymbolDefinition(USERINFO, m, 50, null, "a domain written before @ disguises the real host"),
                new SymbolDefinition(LOOKALIKE, m, 60, null, "link host imitates a protected domain"),
                new SymbolDefinition(CONFUSABLE, m, 30, null, "link host mixes scripts or imitates Latin letters"),
                new SymbolDefinition(IP, m, 20, null, "link goes to an IP address"),
                new SymbolDefinition(PUNYCODE, m, 10, null, "link goes to an internationalised (xn--) host"),
                new SymbolDefinition(REDIRECTOR, m, 10, null, "link through a shortener or open redirector"),
                new SymbolDefinition(DATA_URL, m, 30, null, "data: address opened by a click, form or refresh"),
                new SymbolDefinition(JAVASCRIPT_URL, m, 20, null, "javascript: address in a link or form"),
                new SymbolDefinition(CREDENTIAL_FORM, m, 50, null, "form asking for a password posts to an outside site"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        PublicSuffixList suffixes = context.service(PublicSuffixList.class);
        LinkExtractor.Links links = extractor.extract(context.message());
        Findings findings = judge(links.links(), lookalikes.with(suffixes), suffixes);
        if (findings.symbols().isEmpty() && (context.message().incomplete() || links.truncated())) {
            List<String> why = new java.util.ArrayList<>(context.message().problems());
            if (links.truncated()) {
                why.add("link limit: only the first " + LinkExtractor.MAX_LINKS + " links were judged");
            }
            return CheckResult.skipped(String.join("; ", why));
        }
        return CheckResult.of(findings.symbols());
    }

    /** Judges extracted links (public for the benchmark and the ham measurement). */
    public List<io.bulwark.scan.Symbol> judge(List<Link> links, PublicSuffixList suffixes) {
        return judge(links, lookalikes.with(suffixes), suffixes).symbols();
    }

    private static Findings judge(List<Link> links, Lookalikes lookalikes, PublicSuffixList suffixes) {
        Findings f = new Findings();
        java.util.Set<String> hostsSeen = new java.util.HashSet<>();
        for (Link link : links) {
            WebAddress t = link.target();
            String part = link.part();
            if (link.navigable() && t.scheme().equals("data")) {
                f.add(DATA_URL, "data: address in a " + kind(link), part);
            } else if (t.scheme().equals("data") && t.path().toLowerCase(Locale.ROOT).startsWith("text/html")) {
                f.add(DATA_URL, "data:text/html document embedded in the page", part);
            }
            if (link.navigable() && t.scheme().equals("javascript")) {
                f.add(JAVASCRIPT_URL, "javascript: address in a " + kind(link), part);
            }
            if (!t.web()) {
                continue;
            }
            if (link.kind() == Link.Kind.ANCHOR) {
                Optional<Shown> shown = shownHost(link.text());
                if (shown.isPresent()) {
                    boolean strong = shown.get().address() || lookalikes.isProtected(shown.get().host());
                    mismatch(shown.get().host(), t, suffixes).ifPresent(r -> f.add(strong ? TEXT_MISMATCH
                            : TEXT_DOMAIN_MISMATCH, r, part));
                }
            }
            if (link.kind() == Link.Kind.FORM_ACTION && link.credentials() && !lookalikes.isProtected(t.host())) {
                f.add(CREDENTIAL_FORM, "a form asking for a password posts to " + t.host(), part);
            }
            if (!link.navigable()) {
                continue;
            }
            String user = t.userinfo();
            int colon = user.indexOf(':');
            String shownUser = colon < 0 ? user : user.substring(0, colon);
            if (shownUser.contains(".")) {
                f.add(USERINFO, "link names " + shownUser + " before '@' but goes to " + t.host(), part);
            }
            if (!hostsSeen.add(t.host())) {
                continue;
            }
            if (t.ip()) {
                f.add(IP, "link goes to IP address " + t.host()
                        + (t.numericForm() ? " (written in disguise)" : ""), part);
                continue;
            }
            if (t.punycode()) {
                f.add(PUNYCODE, "link goes to internationalised host " + t.host() + " (" + t.unicodeHost() + ")", part);
            }
            Lookalikes.suspiciousScript(t.unicodeHost()).ifPresent(r -> f.add(CONFUSABLE,
                    "link host " + t.unicodeHost() + ": " + r, part));
            lookalikes.imitation(t.host()).ifPresent(r -> f.add(LOOKALIKE, "link host " + t.host() + " " + r, part));
            Redirectors.of(t).ifPresent(r -> f.add(REDIRECTOR, r, part));
        }
        return f;
    }

    private static String kind(Link link) {
        return switch (link.kind()) {
            case ANCHOR -> "link";
            case FORM_ACTION -> "form action";
            case META_REFRESH -> "meta refresh";
            default -> "link";
        };
    }

    /** Why the anchor's text names another site than its target, if it does. */
    static Optional<String> mismatch(String shownHost, WebAddress target, PublicSuffixList suffixes) {
        if (sameSite(shownHost, target.host(), suffixes)) {
            return Optional.empty();
        }
        // click tracking: a wrapper whose single embedded address, followed to its end, is the shown site
        WebAddress current = target;
        int depth = 0;
        while (true) {
            List<WebAddress> embedded = current.embedded();
            if (embedded.isEmpty()) {
                if (depth > 0 && sameSite(shownHost, current.host(), suffixes)) {
                    return Optional.empty();
                }
                break;
            }
            if (embedded.size() > 1 || depth == MAX_NESTING) {
                break;
            }
            current = embedded.getFirst();
            depth++;
        }
        return Optional.of("link text shows " + shownHost + " but the link goes to " + target.host()
                + (current != target ? " (which leads to " + current.host() + ")" : ""));
    }

    /**
     * What an anchor's text shows.
     *
     * @param host    the host named
     * @param address whether the text is written as an address (with a scheme or {@code www.}),
     *                which readers take for the link itself; a bare domain name ("walmart.com")
     *                is often a brand's name in a newsletter linking through its mailer
     */
    record Shown(String host, boolean address) {
    }

    /** The host an anchor's text shows, when the text is an address or a bare domain name. */
    static Optional<Shown> shownHost(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 2048 || s.contains(" ")) {
            return Optional.empty();
        }
        Optional<WebAddress> parsed = WebAddress.parse(s).filter(WebAddress::web);
        if (parsed.isPresent()) {
            return Optional.of(new Shown(parsed.get().host(), true));
        }
        if (DOMAIN_TEXT.matcher(s).matches() && !s.contains("@")) {
            return WebAddress.parse("http://" + s).filter(WebAddress::web).map(a -> new Shown(a.host(), false));
        }
        return Optional.empty();
    }

    /**
     * Whether two hosts belong to one site: the same registrable domain, or the same registrable
     * label under different public suffixes (a brand's country sites).
     */
    static boolean sameSite(String a, String b, PublicSuffixList suffixes) {
        if (a.equals(b)) {
            return true;
        }
        if (a.matches("[0-9.]+|.*:.*") || b.matches("[0-9.]+|.*:.*")) {
            return false; // IP addresses: only the same address is the same site
        }
        String ra = Lookalikes.site(a, suffixes);
        String rb = Lookalikes.site(b, suffixes);
        if (ra.equals(rb)) {
            return true;
        }
        return Lookalikes.firstLabel(ra).equals(Lookalikes.firstLabel(rb));
    }
}
