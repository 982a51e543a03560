package io.bulwark.gateway.support;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import java.util.List;

/**
 * A test check of the anti-spam module that asks DNS one TXT question, as a DNSBL would, and
 * reports a temporary DNS failure as one (STYLE.md 12). Pointed at a silent
 * {@code LoopbackDnsServer}, it gives the pipeline a real DNS timeout.
 */
public final class DnsProbeCheck implements Check {
    /** The name it asks about. */
    public static final String NAME = "probe.dnsbl.test";

    @Override
    public String name() {
        return "dns-probe";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of();
    }

    @Override
    public CheckResult run(CheckContext context) {
        DnsResult<String> answer = context.service(DnsLookup.class).txt(NAME);
        return switch (answer) {
            case DnsResult.TemporaryFailure<String> t -> CheckResult.temporaryFailure("DNS: " + t.reason());
            case DnsResult.BudgetExhausted<String> b -> CheckResult.skipped("DNS query budget used up");
            default -> CheckResult.clean();
        };
    }
}
