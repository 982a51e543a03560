package io.bulwark.scan.senderauth.arc;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.RawMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sender authentication check "arc": validates the message's ARC chain (RFC 8617 5.2, see
 * {@link ArcValidator}). ARC records what earlier hops (mailing lists, forwarding gateways) saw
 * before they changed the message; a passing chain lets DMARC, with a list of sealers the
 * administrator trusts, accept mail whose own SPF and DKIM a forwarder broke (RFC 8617 7.2).
 * The check only reports: trust in a sealer is DMARC's business, through the {@link ArcVerdict}
 * detail.
 *
 * <p>Symbols, weight 0, no status (a broken chain is not in itself a reason to act: most
 * mail has none, and forwarders without ARC break nothing): {@code ARC_PASS}, {@code ARC_FAIL}
 * (with the reason: which seal or signature, which structural rule), {@code ARC_NONE}. Every
 * result adds {@code arc=<pass|fail|none>} to {@code Authentication-Results}, with
 * {@code header.oldest-pass} on pass (RFC 8617 5.2 step 5) and the reason on fail.
 *
 * <p>How it fails: a key lookup that fails temporarily is a
 * {@link CheckResult#temporaryFailure} (no verdict; DMARC then has no ARC result to lean on); a
 * view without raw octets is skipped. Stateless and thread-safe.
 */
public final class ArcCheck implements Check {
    public static final String ARC_PASS = "ARC_PASS";
    public static final String ARC_FAIL = "ARC_FAIL";
    public static final String ARC_NONE = "ARC_NONE";

    private static final ProtectionModule MODULE = ProtectionModule.SENDER_AUTHENTICATION;

    private final ArcValidator validator = new ArcValidator();

    @Override
    public String name() {
        return "arc";
    }

    @Override
    public ProtectionModule module() {
        return MODULE;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(ARC_PASS, MODULE, 0, null, "ARC pass: the message's ARC chain validates"),
                new SymbolDefinition(ARC_FAIL, MODULE, 0, null, "ARC fail: the message's ARC chain is broken"),
                new SymbolDefinition(ARC_NONE, MODULE, 0, null, "ARC none: the message has no ARC sets"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        MessageView message = context.message();
        if (message.rawHeader().isEmpty() && !message.headers().isEmpty()) {
            // a view built without its raw octets (a message with no header fields at all has none)
            return CheckResult.skipped("the message has no raw header octets to validate");
        }
        ArcValidator.Outcome outcome = validator.validate(RawMessage.fields(message.rawHeader()), message.rawBody(),
                context.service(DnsLookup.class));
        ArcVerdict verdict = outcome.verdict();
        if (outcome.temporary()) {
            return CheckResult.temporaryFailure("ARC chain not validated: " + verdict.reason());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (verdict.result() == ArcVerdict.Result.PASS) {
            properties.put("header.oldest-pass", Integer.toString(outcome.oldestPass()));
        }
        String reason = verdict.result() == ArcVerdict.Result.FAIL ? verdict.reason() : "";
        String symbol = switch (verdict.result()) {
            case PASS -> ARC_PASS;
            case FAIL -> ARC_FAIL;
            case NONE -> ARC_NONE;
        };
        return CheckResult.found(Symbol.of(symbol, "ARC " + verdict.result().keyword() + ": " + verdict.reason()))
                .withHeaders(new HeaderContribution.AuthenticationResult("arc", verdict.result().keyword(), reason,
                        properties))
                .withDetail(verdict);
    }
}
