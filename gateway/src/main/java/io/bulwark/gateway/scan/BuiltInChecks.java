package io.bulwark.gateway.scan;

import io.bulwark.scan.Check;
import io.bulwark.scan.antispam.gtube.GtubeCheck;
import io.bulwark.scan.antivirus.eicar.EicarCheck;
import io.bulwark.scan.senderauth.arc.ArcCheck;
import io.bulwark.scan.senderauth.dkim.DkimCheck;
import io.bulwark.scan.senderauth.dmarc.DmarcCheck;
import io.bulwark.scan.senderauth.spf.SpfCheck;
import io.bulwark.scan.antispam.SenderAuthenticationSymbolsCheck;
import io.bulwark.scan.antispam.bayes.BayesCheck;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.TokenStore;
import io.bulwark.scan.antispam.bulk.MassMailingCheck;
import io.bulwark.scan.antispam.dnsbl.DnsblCheck;
import io.bulwark.scan.antispam.dnsbl.ListZone;
import io.bulwark.scan.antispam.dnsbl.UriblCheck;
import io.bulwark.scan.antispam.rules.RulesCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where the checks that ship with the gateway are listed. Adding an engine means
 * adding its check here (or offering it as a {@link Check} bean); the pipeline, the symbol
 * registry, the judge and the decision work from what a check declares.
 */
public final class BuiltInChecks {
    private BuiltInChecks() {
    }

    /**
     * The built-in checks, production settings (GTUBE's rspamd variants off), receiver "unknown",
     * no trusted ARC sealers.
     */
    public static List<Check> all() {
        return all(null, List.of());
    }

    /**
     * The built-in checks, production settings. SPF, DKIM, ARC and DMARC belong to the sender
     * authentication module, so they run only where a rule has that module enabled.
     *
     * @param authservId        this node's name, written as the receiver in {@code Received-SPF}
     * @param trustedArcSealers {@code bulwark.senderauth.trusted-arc-sealers}: sealers whose ARC
     *                          results may override a DMARC failure
     */
    public static List<Check> all(String authservId, List<String> trustedArcSealers) {
        return all(authservId, trustedArcSealers, AntiSpam.NONE);
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
     */
    public record AntiSpam(List<ListZone> dnsbl, List<ListZone> uribl, TokenStore tokens, long bayesMinMessages,
            boolean senderAuthSymbols) {
        /** No lists, an empty token store, no sender authentication symbols. */
        public static final AntiSpam NONE = new AntiSpam(List.of(), List.of(), new InMemoryTokenStore(), 200, false);
    }

    /**
     * The built-in checks with the given anti-spam configuration: GTUBE, the starter rules, Bayes,
     * the block lists and mass-mailing detection beside the anti-virus and sender authentication
     * checks.
     */
    public static List<Check> all(String authservId, List<String> trustedArcSealers, AntiSpam antiSpam) {
        List<Check> checks = new ArrayList<>(List.of(new EicarCheck(), new GtubeCheck(false),
                new SpfCheck(authservId), new DkimCheck(), new ArcCheck(), new DmarcCheck(Set.copyOf(trustedArcSealers)),
                RulesCheck.starter(), new BayesCheck(antiSpam.tokens(), antiSpam.bayesMinMessages()),
                new DnsblCheck(antiSpam.dnsbl()), new UriblCheck(antiSpam.uribl()), new MassMailingCheck()));
        if (antiSpam.senderAuthSymbols()) {
            checks.add(new SenderAuthenticationSymbolsCheck());
        }
        return List.copyOf(checks);
    }
}
