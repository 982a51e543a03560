package io.bulwark.scan.antispam;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Anti-spam check that turns the results of the sender authentication checks into anti-spam
 * symbols: a forged sender is a strong sign of spam and phishing, a sender vouched for by an
 * ARC chain a small sign of legitimate mail. It reads the SPF, DKIM, DMARC and ARC results as
 * declared {@linkplain Check#optionalDependencies() optional dependencies}: where a check is not
 * installed its result is "skipped" and adds nothing.
 *
 * <p>Note the pipeline runs dependencies whatever module the rule enables, so installing this
 * check makes every anti-spam scan also run sender authentication (its DNS queries included);
 * the gateway therefore installs it only when {@code bulwark.antispam.sender-auth-symbols} is on.
 *
 * <p>Stateless and thread-safe.
 */
public final class SenderAuthenticationSymbolsCheck implements Check {
    private static final Map<String, Map<String, String>> MAPPING = Map.of(
            "spf", Map.of("SPF_FAIL", "AS_SPF_FAIL", "SPF_SOFTFAIL", "AS_SPF_SOFTFAIL"),
            "dkim", Map.of("DKIM_FAIL", "AS_DKIM_FAIL"),
            "dmarc", Map.of("DMARC_FAIL", "AS_DMARC_FAIL"),
            "arc", Map.of("ARC_PASS", "AS_ARC_PASS"));

    @Override
    public String name() {
        return "authsymbols";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public Set<String> dependsOn() {
        return MAPPING.keySet();
    }

    @Override
    public Set<String> optionalDependencies() {
        return MAPPING.keySet();
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition("AS_SPF_FAIL", ProtectionModule.ANTI_SPAM, 15, null,
                        "SPF fail: the sending host is not authorised for the envelope sender's domain"),
                new SymbolDefinition("AS_SPF_SOFTFAIL", ProtectionModule.ANTI_SPAM, 5, null,
                        "SPF softfail: the sender's domain says the host is probably not authorised"),
                new SymbolDefinition("AS_DKIM_FAIL", ProtectionModule.ANTI_SPAM, 8, null,
                        "a DKIM signature did not verify"),
                new SymbolDefinition("AS_DMARC_FAIL", ProtectionModule.ANTI_SPAM, 25, null,
                        "DMARC fail: the From domain is not authenticated"),
                new SymbolDefinition("AS_ARC_PASS", ProtectionModule.ANTI_SPAM, -5, null,
                        "an intact ARC chain vouches for the message's earlier authentication"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<Symbol> found = new ArrayList<>();
        for (var check : MAPPING.entrySet()) {
            CheckResult result = context.result(check.getKey());
            if (result.outcome() != CheckOutcomeKind.FOUND) {
                continue;
            }
            for (Symbol s : result.symbols()) {
                String mapped = check.getValue().get(s.name());
                if (mapped != null && found.stream().noneMatch(f -> f.name().equals(mapped))) {
                    found.add(Symbol.of(mapped, s.reason()));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Symbol::name));
        return CheckResult.of(found);
    }
}
