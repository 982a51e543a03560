package io.bulwark.scan.pipeline;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sender authentication module's options applied to what its checks found (reference A.7):
 * which edge results count as violations, and whether DMARC alone decides. A pure step of
 * {@link ModuleJudge}; the checks themselves only report RFC results.
 *
 * <ul>
 *   <li>{@code spf-softfail-violation}: {@code SPF_SOFTFAIL} (and its HELO twin) gives SPF_FAIL.</li>
 *   <li>{@code permerror-violation}: {@code SPF_PERMERROR}, {@code DKIM_PERMERROR},
 *       {@code DMARC_PERMERROR} give SPF_FAIL, DKIM_FAIL, DMARC_FAIL.</li>
 *   <li>{@code temperror-violation}: a check "spf", "dkim" or "dmarc" that ended in a temporary
 *       failure gives its violation, but only when nothing conclusive was found: a violation
 *       built on a DNS timeout never stands beside a real one, and the verdict is marked
 *       temporary, so the decision answers 451 where the action would refuse for good.</li>
 *   <li>{@code dmarc-primary}: SPF_FAIL and DKIM_FAIL are dropped from the statuses (the symbols
 *       and reasons stay in the report), DMARC_FAIL alone acts.</li>
 * </ul>
 */
final class SenderAuthenticationJudge {
    private static final Map<String, ScanStatus> PERMERRORS = Map.of(
            "SPF_PERMERROR", ScanStatus.SPF_FAIL,
            "SPF_HELO_PERMERROR", ScanStatus.SPF_FAIL,
            "DKIM_PERMERROR", ScanStatus.DKIM_FAIL,
            "DMARC_PERMERROR", ScanStatus.DMARC_FAIL);
    private static final Set<String> SOFTFAILS = Set.of("SPF_SOFTFAIL", "SPF_HELO_SOFTFAIL");
    private static final Map<String, ScanStatus> TEMPERRORS = Map.of(
            "spf", ScanStatus.SPF_FAIL,
            "dkim", ScanStatus.DKIM_FAIL,
            "dmarc", ScanStatus.DMARC_FAIL);

    /** The statuses found under the options, and whether they rest on temporary errors only. */
    record Found(Set<ScanStatus> statuses, boolean temporary) {
    }

    private SenderAuthenticationJudge() {
    }

    static Found apply(Set<ScanStatus> implied, List<ScanSymbol> symbols, List<CheckRun> runs,
            ModuleSettings settings) {
        Set<ScanStatus> found = new TreeSet<>(implied);
        boolean softfail = yes(settings, ModuleOption.SPF_SOFTFAIL_VIOLATION);
        boolean permerror = yes(settings, ModuleOption.PERMERROR_VIOLATION);
        for (ScanSymbol s : symbols) {
            if (softfail && SOFTFAILS.contains(s.name())) {
                found.add(ScanStatus.SPF_FAIL);
            }
            if (permerror && PERMERRORS.containsKey(s.name())) {
                found.add(PERMERRORS.get(s.name()));
            }
        }
        boolean temporary = false;
        if (found.isEmpty() && yes(settings, ModuleOption.TEMPERROR_VIOLATION)) {
            for (CheckRun run : runs) {
                ScanStatus violation = TEMPERRORS.get(run.check().name());
                if (violation != null && run.result().outcome() == CheckOutcomeKind.TEMPORARY_FAILURE) {
                    found.add(violation);
                    temporary = true;
                }
            }
        }
        if (yes(settings, ModuleOption.DMARC_PRIMARY)) {
            found.remove(ScanStatus.SPF_FAIL);
            found.remove(ScanStatus.DKIM_FAIL);
            temporary &= found.contains(ScanStatus.DMARC_FAIL);
        }
        return new Found(found, temporary && !found.isEmpty());
    }

    /**
     * The runs whose failures decide an ERROR when nothing was found: under {@code dmarc-primary}
     * only DMARC's (an SPF timeout does not matter once DMARC passed through DKIM), else all.
     */
    static List<CheckRun> deciding(List<CheckRun> runs, ModuleSettings settings) {
        if (!yes(settings, ModuleOption.DMARC_PRIMARY)) {
            return runs;
        }
        List<CheckRun> dmarc = runs.stream().filter(r -> r.check().name().equals("dmarc")).toList();
        return dmarc.isEmpty() ? runs : dmarc;
    }

    private static boolean yes(ModuleSettings settings, ModuleOption option) {
        return "yes".equalsIgnoreCase(settings.option(option));
    }
}
