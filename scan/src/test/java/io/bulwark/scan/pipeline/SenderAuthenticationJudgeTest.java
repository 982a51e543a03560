package io.bulwark.scan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.SymbolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sender authentication options over what SPF, DKIM and DMARC report: one row per case. */
class SenderAuthenticationJudgeTest {
    private static final ProtectionModule SA = ProtectionModule.SENDER_AUTHENTICATION;

    /** A check that reports a fixed result (the table gives it). */
    record Fixed(String name, List<SymbolDefinition> symbols) implements Check {
        @Override
        public ProtectionModule module() {
            return SA;
        }

        @Override
        public CheckResult run(CheckContext context) {
            throw new UnsupportedOperationException("results are given by the table");
        }
    }

    private static final Check SPF = new Fixed("spf", List.of(
            def("SPF_PASS", null), def("SPF_FAIL", ScanStatus.SPF_FAIL), def("SPF_SOFTFAIL", null),
            def("SPF_PERMERROR", null), def("SPF_NONE", null)));
    private static final Check DKIM = new Fixed("dkim", List.of(
            def("DKIM_PASS", null), def("DKIM_FAIL", ScanStatus.DKIM_FAIL), def("DKIM_PERMERROR", null)));
    private static final Check DMARC = new Fixed("dmarc", List.of(
            def("DMARC_PASS", null), def("DMARC_FAIL", ScanStatus.DMARC_FAIL), def("DMARC_PERMERROR", null)));
    private static final SymbolRegistry REGISTRY = SymbolRegistry.of(List.of(SPF, DKIM, DMARC), Map.of());

    private static SymbolDefinition def(String name, ScanStatus implies) {
        return new SymbolDefinition(name, SA, 0, implies, "");
    }

    /** "SPF_FAIL" = the check reported that symbol; "temp" = the check failed temporarily. */
    private static CheckRun run(Check check, String outcome) {
        CheckResult result = outcome.equals("temp") ? CheckResult.temporaryFailure("DNS timeout")
                : CheckResult.found(Symbol.of(outcome, outcome.toLowerCase()));
        List<ScanSymbol> symbols = result.symbols().stream()
                .map(s -> new ScanSymbol(s.name(), 0, s.reason(), List.of())).toList();
        return new CheckRun(check, result, symbols, 1);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // spf, dkim, dmarc, options "key=value,...", expected statuses, temporary
                Arguments.of("SPF_PASS", "DKIM_PASS", "DMARC_PASS", "", List.of(ScanStatus.PASS), false),
                Arguments.of("SPF_FAIL", "DKIM_PASS", "DMARC_PASS", "", List.of(ScanStatus.SPF_FAIL), false),
                // forwarded mail: SPF fails, DKIM carries DMARC; DMARC primary leaves it alone
                Arguments.of("SPF_FAIL", "DKIM_PASS", "DMARC_PASS", "dmarc-primary=yes", List.of(ScanStatus.PASS), false),
                Arguments.of("SPF_FAIL", "DKIM_FAIL", "DMARC_FAIL", "dmarc-primary=yes",
                        List.of(ScanStatus.DMARC_FAIL), false),
                Arguments.of("SPF_FAIL", "DKIM_FAIL", "DMARC_FAIL", "",
                        List.of(ScanStatus.SPF_FAIL, ScanStatus.DKIM_FAIL, ScanStatus.DMARC_FAIL), false),
                Arguments.of("SPF_SOFTFAIL", "DKIM_PASS", "DMARC_PASS", "", List.of(ScanStatus.PASS), false),
                Arguments.of("SPF_SOFTFAIL", "DKIM_PASS", "DMARC_PASS", "spf-softfail-violation=yes",
                        List.of(ScanStatus.SPF_FAIL), false),
                Arguments.of("SPF_PERMERROR", "DKIM_PERMERROR", "DMARC_PASS", "", List.of(ScanStatus.PASS), false),
                Arguments.of("SPF_PERMERROR", "DKIM_PERMERROR", "DMARC_PERMERROR", "permerror-violation=yes",
                        List.of(ScanStatus.SPF_FAIL, ScanStatus.DKIM_FAIL, ScanStatus.DMARC_FAIL), false),
                // a temporary error alone: ERROR (temporary), or the violation, still temporary
                Arguments.of("temp", "DKIM_PASS", "DMARC_PASS", "", List.of(ScanStatus.ERROR), true),
                Arguments.of("temp", "DKIM_PASS", "DMARC_PASS", "temperror-violation=yes",
                        List.of(ScanStatus.SPF_FAIL), true),
                Arguments.of("temp", "DKIM_PASS", "temp", "temperror-violation=yes",
                        List.of(ScanStatus.SPF_FAIL, ScanStatus.DMARC_FAIL), true),
                // beside a real finding, a temporary error adds nothing: never a 5xx built on a timeout
                Arguments.of("temp", "DKIM_FAIL", "DMARC_PASS", "temperror-violation=yes",
                        List.of(ScanStatus.DKIM_FAIL), false),
                Arguments.of("temp", "DKIM_PASS", "temp", "temperror-violation=yes,dmarc-primary=yes",
                        List.of(ScanStatus.DMARC_FAIL), true),
                Arguments.of("temp", "DKIM_PASS", "DMARC_PASS", "temperror-violation=yes,dmarc-primary=yes",
                        List.of(ScanStatus.PASS), false));
    }

    @ParameterizedTest(name = "{0} {1} {2} [{3}] -> {4} temporary={5}")
    @MethodSource("table")
    void optionsTurnResultsIntoStatuses(String spf, String dkim, String dmarc, String options,
            List<ScanStatus> expected, boolean temporary) {
        ModuleSettings settings = ModuleSettings.defaults(SA);
        for (String pair : options.isEmpty() ? new String[0] : options.split(",")) {
            String[] kv = pair.split("=");
            settings = settings.withOption(ModuleOption.byKey(kv[0]).orElseThrow(), kv[1]);
        }
        List<CheckRun> runs = new ArrayList<>(List.of(run(SPF, spf), run(DKIM, dkim), run(DMARC, dmarc)));
        ModuleVerdict v = ModuleJudge.judge(SA, runs, settings, REGISTRY);
        assertThat(v.statuses()).containsExactlyElementsOf(expected);
        assertThat(v.temporary()).isEqualTo(temporary);
    }
}
