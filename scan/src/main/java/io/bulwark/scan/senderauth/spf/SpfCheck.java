package io.bulwark.scan.senderauth.spf;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.senderauth.spf.SpfVerdict.Result;
import io.bulwark.scan.senderauth.spf.internal.JspfDnsService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;

/**
 * Sender authentication check "spf": RFC 7208 {@code check_host()} of the SMTP client's address
 * for the MAIL FROM identity, or for the HELO identity when MAIL FROM is the null sender (RFC
 * 7208 2.4). It defends against forged envelope senders: a domain that lists its sending hosts
 * gets mail from other hosts marked {@code SPF_FAIL}.
 *
 * <p>Evaluation is Apache James jSPF (processing limits of RFC 7208 4.6.4 included: 10
 * DNS-querying terms, 10 MX/PTR names) over the node's {@link DnsLookup} (the message's view,
 * with its query budget). The HELO identity is not evaluated when MAIL FROM is given: it would
 * cost a second evaluation's DNS queries for a result nothing acts on yet.
 *
 * <p>Results, one symbol each (weight 0; the rule acts on the status): {@code SPF_PASS},
 * {@code SPF_NEUTRAL}, {@code SPF_NONE}, {@code SPF_SOFTFAIL}, {@code SPF_PERMERROR} (no status
 * of their own; whether softfail and permerror count as a violation is the rule's business) and
 * {@code SPF_FAIL} (implies {@link ScanStatus#SPF_FAIL}). A temperror (DNS timeout, SERVFAIL) is a
 * {@link CheckResult#temporaryFailure}, never a failure (STYLE.md 12). Every result carries
 * {@code Received-SPF} (RFC 7208 9.1), an {@code Authentication-Results} method result
 * (RFC 8601 2.7.2) and an {@link SpfVerdict} as detail for DMARC. The DNS query budget running
 * out is a permerror, as too many lookups are (RFC 7208 4.6.4).
 *
 * <p>How it fails: an exception inside jSPF becomes FAILED through the pipeline.
 *
 * <p>Stateless and thread-safe: every run builds its own jSPF evaluator on the message's DNS view.
 */
public final class SpfCheck implements Check {
    public static final String SPF_PASS = "SPF_PASS";
    public static final String SPF_FAIL = "SPF_FAIL";
    public static final String SPF_SOFTFAIL = "SPF_SOFTFAIL";
    public static final String SPF_NEUTRAL = "SPF_NEUTRAL";
    public static final String SPF_NONE = "SPF_NONE";
    public static final String SPF_PERMERROR = "SPF_PERMERROR";

    private static final ProtectionModule MODULE = ProtectionModule.SENDER_AUTHENTICATION;

    private final String receiver;

    /**
     * @param receiver this host's name, for {@code Received-SPF}'s receiver and the {@code %{r}}
     *                 macro (RFC 7208 7.3)
     */
    public SpfCheck(String receiver) {
        this.receiver = receiver == null || receiver.isBlank() ? "unknown" : receiver;
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public ProtectionModule module() {
        return MODULE;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(SPF_PASS, MODULE, 0, null, "SPF pass: the client is an authorised sender"),
                new SymbolDefinition(SPF_FAIL, MODULE, 0, ScanStatus.SPF_FAIL,
                        "SPF fail: the domain says the client is not authorised"),
                new SymbolDefinition(SPF_SOFTFAIL, MODULE, 0, null,
                        "SPF softfail: the domain says the client is probably not authorised"),
                new SymbolDefinition(SPF_NEUTRAL, MODULE, 0, null, "SPF neutral: the domain makes no assertion"),
                new SymbolDefinition(SPF_NONE, MODULE, 0, null, "SPF none: no SPF record or no valid domain"),
                new SymbolDefinition(SPF_PERMERROR, MODULE, 0, null,
                        "SPF permerror: the domain's record cannot be interpreted"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Envelope envelope = context.envelope();
        boolean helo = envelope.sender().isEmpty();
        String identity = helo ? "helo" : "mailfrom";
        String domain = helo ? envelope.helo() : domainOf(envelope.sender());

        JspfDnsService dns = new JspfDnsService(context.service(DnsLookup.class), receiver);
        SPF spf = evaluator(dns);
        SPFResult outcome = spf.checkSPF(envelope.clientAddress(), envelope.sender(), envelope.helo());
        Result result = Result.of(outcome.getResult());
        String explanation = outcome.getExplanation();
        if (dns.addressTimeout() != null && (result == Result.FAIL || result == Result.SOFTFAIL)) {
            // a DNS failure must never become a fail (RFC 7208 5, STYLE.md 12); see addressTimeout()
            result = Result.TEMPERROR;
            explanation = "DNS lookup failed temporarily (" + dns.addressTimeout() + ")";
        }
        if (dns.limitExceeded() != null) {
            result = Result.PERMERROR;
            explanation = dns.limitExceeded() + " (RFC 7208 4.6.4)";
        }
        if (dns.budgetExhausted()) {
            result = Result.PERMERROR;
            explanation = "the message's DNS query budget was spent";
        }
        if (explanation == null || explanation.isBlank()) {
            explanation = describe(result, domain, envelope.clientAddress());
        }
        SpfVerdict verdict = new SpfVerdict(result, identity, domain, explanation);

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(helo ? "smtp.helo" : "smtp.mailfrom", verdict.domain());
        HeaderContribution.AuthenticationResult ar = new HeaderContribution.AuthenticationResult(
                "spf", result.keyword(), "", properties);
        HeaderContribution.Field receivedSpf = new HeaderContribution.Field("Received-SPF",
                receivedSpf(verdict, envelope));

        CheckResult base = switch (result) {
            case TEMPERROR -> CheckResult.temporaryFailure("SPF temperror for " + domain + ": " + explanation);
            case PASS -> CheckResult.found(Symbol.of(SPF_PASS, reason(verdict)));
            case FAIL -> CheckResult.found(Symbol.of(SPF_FAIL, reason(verdict)));
            case SOFTFAIL -> CheckResult.found(Symbol.of(SPF_SOFTFAIL, reason(verdict)));
            case NEUTRAL -> CheckResult.found(Symbol.of(SPF_NEUTRAL, reason(verdict)));
            case NONE -> CheckResult.found(Symbol.of(SPF_NONE, reason(verdict)));
            case PERMERROR -> CheckResult.found(Symbol.of(SPF_PERMERROR, reason(verdict)));
        };
        return base.withHeaders(ar, receivedSpf).withDetail(verdict);
    }

    /**
     * jSPF wired as its one-argument constructor does, but with the synchronous executor: our
     * lookups block anyway, and jSPF's asynchronous executor waits forever when a continuation
     * throws (seen before the adapter gave jSPF mutable lists), where the synchronous one ends
     * with a result.
     */
    private static SPF evaluator(JspfDnsService dns) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        SPF spf = new SPF(dns, parser, macroExpand, new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    private static String reason(SpfVerdict v) {
        return "SPF " + v.result().keyword() + " for " + v.identity() + " " + v.domain() + ": " + v.explanation();
    }

    private static String describe(Result result, String domain, String ip) {
        return switch (result) {
            case PASS -> "domain of " + domain + " designates " + ip + " as permitted sender";
            case FAIL, SOFTFAIL -> "domain of " + domain + " does not designate " + ip + " as permitted sender";
            case NEUTRAL -> domain + " makes no assertion about " + ip;
            case NONE -> "no SPF record for " + (domain.isEmpty() ? "an empty domain" : domain);
            case PERMERROR -> "the SPF record of " + domain + " is invalid";
            case TEMPERROR -> "DNS lookup failed temporarily";
        };
    }

    /** RFC 7208 9.1: {@code result (comment) key=value; ...}. */
    private String receivedSpf(SpfVerdict v, Envelope envelope) {
        StringBuilder b = new StringBuilder(v.result().keyword())
                .append(" (").append(receiver).append(": ")
                .append(describe(v.result(), v.domain(), envelope.clientAddress()).replace('(', '[').replace(')', ']'))
                .append(") client-ip=").append(envelope.clientAddress()).append(';');
        if (!envelope.sender().isEmpty()) {
            b.append(" envelope-from=\"").append(envelope.sender().replace("\"", "")).append("\";");
        }
        if (!envelope.helo().isEmpty()) {
            b.append(" helo=").append(quoteIfNeeded(envelope.helo())).append(';');
        }
        return b.append(" receiver=").append(receiver).append("; identity=").append(v.identity()).toString();
    }

    private static String quoteIfNeeded(String value) {
        // a dot-atom goes as is; anything else (an address literal) as a quoted-string
        return value.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+") ? value : "\"" + value.replace("\"", "") + "\"";
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(at + 1)).toLowerCase(Locale.ROOT);
    }
}
