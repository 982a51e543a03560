package io.bulwark.events.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The TLS policies of every gateway node, named as Postfix names its security levels.
 *
 * <ul>
 *   <li>{@code inbound}: the listener's STARTTLS ({@code smtpd_tls_security_level}): {@code none}
 *       (not offered), {@code may} (offered, plain text accepted), {@code encrypt} (MAIL, RCPT and
 *       DATA need STARTTLS first).</li>
 *   <li>{@code requireClientCertificate}: the reference's "Require client certificate": a client
 *       that starts TLS must present a certificate ({@code smtpd_tls_req_ccert}); with
 *       {@code encrypt}, only clients with a certificate can send.</li>
 *   <li>{@code outbound}: delivery's default ({@code smtp_tls_security_level}): {@code none},
 *       {@code may}, {@code encrypt}, {@code verify}.</li>
 *   <li>{@code outboundPerDomain}: recipient domain to one of those four
 *       ({@code smtp_tls_policy_maps}); wins over {@code outbound}.</li>
 * </ul>
 *
 * <p>The compact constructor normalises (lower case, trimmed, null map empty, sorted) but does not
 * validate: {@link #problems()} does, so a request is answered with every problem at once.
 */
public record TlsPolicySettings(String inbound, boolean requireClientCertificate, String outbound,
        Map<String, String> outboundPerDomain) {

    /** The inbound levels in the order the console offers them. */
    public static final List<String> INBOUND_LEVELS = List.of("none", "may", "encrypt");
    /** The outbound levels in the order the console offers them. */
    public static final List<String> OUTBOUND_LEVELS = List.of("none", "may", "encrypt", "verify");

    public TlsPolicySettings {
        inbound = level(inbound);
        outbound = level(outbound);
        Map<String, String> map = new TreeMap<>();
        if (outboundPerDomain != null) {
            outboundPerDomain.forEach((domain, level) -> map.put(domain == null ? "" : DomainNames.normalise(domain),
                    level(level)));
        }
        outboundPerDomain = java.util.Collections.unmodifiableMap(map);
    }

    /**
     * What is wrong, one sentence each naming the value; empty when these settings can be applied.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!INBOUND_LEVELS.contains(inbound)) {
            problems.add("inbound TLS policy '" + inbound + "' is not one of none, may, encrypt");
        }
        if (requireClientCertificate && "none".equals(inbound)) {
            problems.add("a client certificate can only be required when inbound TLS is offered (may or encrypt)");
        }
        if (!OUTBOUND_LEVELS.contains(outbound)) {
            problems.add("outbound TLS policy '" + outbound + "' is not one of none, may, encrypt, verify");
        }
        outboundPerDomain.forEach((domain, level) -> {
            if (!DomainNames.isHostName(domain)) {
                problems.add("TLS policy domain '" + domain + "' is not a domain name");
            }
            if (!OUTBOUND_LEVELS.contains(level)) {
                problems.add("TLS policy for " + domain + " '" + level + "' is not one of none, may, encrypt, verify");
            }
        });
        return List.copyOf(problems);
    }

    /** Whether {@code level} is one of Postfix's four outbound names. */
    public static boolean isOutboundLevel(String level) {
        return level != null && Set.copyOf(OUTBOUND_LEVELS).contains(level.strip().toLowerCase(Locale.ROOT));
    }

    private static String level(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
