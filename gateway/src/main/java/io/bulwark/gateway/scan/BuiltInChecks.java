package io.bulwark.gateway.scan;

import io.bulwark.scan.Check;
import io.bulwark.scan.antispam.gtube.GtubeCheck;
import io.bulwark.scan.antivirus.eicar.EicarCheck;
import io.bulwark.scan.antivirus.heuristics.HeuristicsCheck;
import io.bulwark.scan.contentfilter.ContentFilterCheck;
import io.bulwark.scan.senderauth.arc.ArcCheck;
import io.bulwark.scan.senderauth.dkim.DkimCheck;
import io.bulwark.scan.senderauth.dmarc.DmarcCheck;
import io.bulwark.scan.senderauth.spf.SpfCheck;
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
        return List.of(new EicarCheck(), new HeuristicsCheck(), new GtubeCheck(false), new SpfCheck(authservId),
                new DkimCheck(), new ArcCheck(), new DmarcCheck(Set.copyOf(trustedArcSealers)),
                new ContentFilterCheck());
    }
}
