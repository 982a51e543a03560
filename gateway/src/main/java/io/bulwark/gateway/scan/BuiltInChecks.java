package io.bulwark.gateway.scan;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.scan.Check;
import io.bulwark.scan.antiphishing.DeceptiveLinkCheck;
import io.bulwark.scan.antiphishing.Impersonation;
import io.bulwark.scan.antiphishing.ImpersonationCheck;
import io.bulwark.scan.antiphishing.LinkReputationCheck;
import io.bulwark.scan.antiphishing.UrlFeed;
import io.bulwark.scan.antiphishing.UrlFeedCheck;
import io.bulwark.scan.antispam.gtube.GtubeCheck;
import io.bulwark.scan.antispam.SenderAuthenticationSymbolsCheck;
import io.bulwark.scan.antispam.bayes.BayesCheck;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.TokenStore;
import io.bulwark.scan.antispam.bulk.MassMailingCheck;
import io.bulwark.scan.antispam.dnsbl.DnsblCheck;
import io.bulwark.scan.antispam.dnsbl.ListZone;
import io.bulwark.scan.antispam.dnsbl.LiveZones;
import io.bulwark.scan.antispam.dnsbl.UriblCheck;
import io.bulwark.scan.antispam.rules.RulesCheck;
import io.bulwark.scan.antivirus.eicar.EicarCheck;
import io.bulwark.scan.antivirus.heuristics.HeuristicsCheck;
import io.bulwark.scan.contentfilter.ContentFilterCheck;
import io.bulwark.scan.senderauth.arc.ArcCheck;
import io.bulwark.scan.senderauth.dkim.DkimCheck;
import io.bulwark.scan.senderauth.dmarc.DmarcCheck;
import io.bulwark.scan.senderauth.spf.SpfCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place where the checks that ship with the gateway are listed. Adding an engine means
 * adding its check here (or offering it as a {@link Check} bean); the pipeline, the symbol
 * registry, the judge and the decision work from what a check declares.
 */
public final class BuiltInChecks {
    private static final GatewayProperties.Antiphishing NO_ANTIPHISHING = new GatewayProperties.Antiphishing(null,
            null, null, null, null, null, null);

    private BuiltInChecks() {
    }

    /**
     * The built-in checks, production settings (GTUBE's rspamd variants off), receiver "unknown",
     * no trusted ARC sealers, anti-phishing without protected domains, people or feeds.
     */
    public static List<Check> all() {
        return all(null, List.of());
    }

    /**
     * The built-in checks, production settings, anti-phishing without protected domains, people
     * or feeds. SPF, DKIM, ARC and DMARC belong to the sender authentication module, so they run
     * only where a rule has that module enabled.
     *
     * @param authservId        this node's name, written as the receiver in {@code Received-SPF}
     * @param trustedArcSealers {@code bulwark.senderauth.trusted-arc-sealers}: sealers whose ARC
     *                          results may override a DMARC failure
     */
    public static List<Check> all(String authservId, List<String> trustedArcSealers) {
        return all(authservId, trustedArcSealers, AntiSpam.none());
    }

    /**
     * The anti-spam checks' configuration: block lists, the Bayes statistics and whether sender
     * authentication results become anti-spam symbols.
     *
     * @param dnsbl             address block lists
     * @param uribl             link-domain block lists
     * @param tokens            the Bayes token statistics (a projection of training events)
     * @param bayesMinMessages  trained messages of each kind before Bayes judges
     * @param senderAuthSymbols whether to install {@link SenderAuthenticationSymbolsCheck}
     * @param live              the lists the checks read per message; null: {@code dnsbl} and
     *                          {@code uribl}, fixed
     */
    public record AntiSpam(List<ListZone> dnsbl, List<ListZone> uribl, TokenStore tokens, long bayesMinMessages,
            boolean senderAuthSymbols, LiveZones live) {
        public AntiSpam {
            live = live != null ? live : new LiveZones(dnsbl, uribl);
        }

        /** Fixed lists. */
        public AntiSpam(List<ListZone> dnsbl, List<ListZone> uribl, TokenStore tokens, long bayesMinMessages,
                boolean senderAuthSymbols) {
            this(dnsbl, uribl, tokens, bayesMinMessages, senderAuthSymbols, null);
        }

        /**
         * No lists, no sender authentication symbols, and an empty token store of its own: a fresh
         * one per call, so that two pipelines never share (or train each other through) statistics.
         */
        public static AntiSpam none() {
            return new AntiSpam(List.of(), List.of(), new InMemoryTokenStore(), 200, false);
        }
    }

    /** The built-in checks with the given anti-spam configuration, no anti-phishing settings, no engine beside EICAR. */
    public static List<Check> all(String authservId, List<String> trustedArcSealers, AntiSpam antiSpam) {
        return all(authservId, trustedArcSealers, List.of(), NO_ANTIPHISHING, AntivirusEngines.none(), antiSpam);
    }

    /** The built-in checks with the anti-virus engines that {@code bulwark.antivirus.*} configures. */
    public static List<Check> all(String authservId, List<String> trustedArcSealers, AntivirusEngines antivirus) {
        return all(authservId, trustedArcSealers, List.of(), NO_ANTIPHISHING, antivirus, AntiSpam.none());
    }

    /** The built-in checks with the node's anti-phishing settings and no anti-virus engine beside EICAR. */
    public static List<Check> all(String authservId, List<String> trustedArcSealers, List<String> relayDomains,
            GatewayProperties.Antiphishing antiphishing) {
        return all(authservId, trustedArcSealers, relayDomains, antiphishing, AntivirusEngines.none(), AntiSpam.none());
    }

    /**
     * The built-in checks as the node runs them: the anti-virus engines that
     * {@code bulwark.antivirus.*} configures (the built-in signature engine when a database
     * directory is set, clamd when an address is set) beside the EICAR check; the deceptive-link and
     * impersonation checks always (the relay domains and brands are the protected domains), the
     * feed check when a feed file is configured, the DNS reputation check when a zone is.
     *
     * @param relayDomains {@code bulwark.routing.relay-domains}: our own domains
     * @param antiphishing {@code bulwark.antiphishing.*}
     * @param antivirus    the engines of {@code bulwark.antivirus.*}
     * @param antiSpam     the anti-spam configuration ({@code bulwark.antispam.*}): GTUBE, the starter
     *                     rules, Bayes, the block lists and mass-mailing detection
     */
    public static List<Check> all(String authservId, List<String> trustedArcSealers, List<String> relayDomains,
            GatewayProperties.Antiphishing antiphishing, AntivirusEngines antivirus, AntiSpam antiSpam) {
        List<Check> checks = new ArrayList<>(List.of(new EicarCheck(), new HeuristicsCheck(), new GtubeCheck(false),
                new SpfCheck(authservId), new DkimCheck(), new ArcCheck(),
                new DmarcCheck(Set.copyOf(trustedArcSealers)), new ContentFilterCheck(),
                new io.bulwark.scan.antivirus.exclusions.AttachmentCatalogCheck()));
        checks.addAll(antivirus.checks());
        checks.addAll(List.of(RulesCheck.starter(), new BayesCheck(antiSpam.tokens(), antiSpam.bayesMinMessages()),
                new DnsblCheck(antiSpam.live().address()), new UriblCheck(antiSpam.live().link()), new MassMailingCheck()));
        if (antiSpam.senderAuthSymbols()) {
            checks.add(new SenderAuthenticationSymbolsCheck());
        }
        Set<String> protectedDomains = new LinkedHashSet<>(relayDomains);
        protectedDomains.addAll(antiphishing.brands());
        checks.add(new DeceptiveLinkCheck(List.copyOf(protectedDomains)));
        checks.add(new ImpersonationCheck(relayDomains, antiphishing.executives().stream()
                .map(Impersonation.Person::parse).toList(), antiphishing.freemailDomains()));
        if (!antiphishing.phishingFeeds().isEmpty() || !antiphishing.malwareFeeds().isEmpty()) {
            checks.add(new UrlFeedCheck(feeds(antiphishing.phishingFeeds(), antiphishing),
                    feeds(antiphishing.malwareFeeds(), antiphishing)));
        }
        if (!antiphishing.reputationZones().isEmpty()) {
            checks.add(new LinkReputationCheck(antiphishing.reputationZones()));
        }
        return List.copyOf(checks);
    }

    private static List<UrlFeed> feeds(List<Path> files, GatewayProperties.Antiphishing settings) {
        return files.stream().map(f -> new UrlFeed(f.getFileName().toString(), f, settings.feedRecheck(),
                Clock.systemUTC())).toList();
    }
}
