package io.bulwark.scan.pipeline;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.antivirus.exclusions.AntivirusExclusions;
import io.bulwark.scan.antivirus.exclusions.AttachmentCatalog;
import io.bulwark.scan.antivirus.heuristics.HeuristicsCheck;
import io.bulwark.scan.contentfilter.ContentFilterJudge;
import io.bulwark.scan.contentfilter.ContentInventory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * From what the checks found to one module status under one rule: a pure function, so the same
 * scan results can be judged under every recipient group's rule and replayed under a changed rule.
 *
 * <p>For each module:
 * <ol>
 *   <li>its score is the sum of its symbols' scores; for anti-spam that sum, held to 0-100, is the
 *       rating, and reaching the rule's {@code spam-threshold} gives SPAM, its
 *       {@code probable-spam-threshold} PROBABLE_SPAM; for anti-phishing, a sum reaching the
 *       rule's {@code phishing-threshold} gives PHISHING;</li>
 *   <li>a symbol that implies a status gives it whatever the score;</li>
 *   <li>sender authentication's options turn edge results into violations or leave DMARC alone
 *       to decide ({@link SenderAuthenticationJudge});</li>
 *   <li>anti-virus: the {@code OFFICE_MACRO} heuristic gives PROBABLY_INFECTED where the rule's
 *       {@code macros-probably-infected} option says yes; where it says no, the macro document's
 *       part is not a target of the other statuses' "Delete attachment";</li>
 *   <li>anti-virus: symbols whose parts are all attachments the rule excludes (by name mask,
 *       real type, or over {@code max-object-size}, {@link AntivirusExclusions}) do not count, and
 *       with nothing else found the status is NOT_SCANNED with "not scanned: ..." reasons;</li>
 *   <li>content filtering: the rule's banned names, banned types, size limit and archive depth
 *       are applied to the content filter check's inventory ({@link ContentFilterJudge});</li>
 *   <li>every status so found is reported, most severe first (declaration order of
 *       {@link ScanStatus}), and the rule acts on each;</li>
 *   <li>with no status found: a temporary failure of any check gives ERROR marked temporary, a
 *       timed out or failed check ERROR, a skipped check NOT_SCANNED, otherwise the module's clean
 *       status (CLEAN, NOT_SPAM, PASS). A module without any installed check is NOT_SCANNED.</li>
 * </ol>
 * A module the results mark as withheld (the licence forbids it: {@link ScanResults#withheld()})
 * is NOT_SCANNED with the withholding reasons, whatever else: the one place a licence restriction
 * becomes a verdict.
 * A finding always wins over a failure of another check: a virus found is a virus, even if a
 * second engine timed out.
 */
public final class ModuleJudge {
    private ModuleJudge() {
    }

    /** Verdicts of the results' modules, in module order, under the given rule sections. */
    public static List<ModuleVerdict> judge(ScanResults results, java.util.function.Function<ProtectionModule,
            ModuleSettings> settings, SymbolRegistry registry) {
        List<ModuleVerdict> verdicts = new ArrayList<>();
        for (ProtectionModule module : ProtectionModule.values()) {
            List<String> withheld = results.withheld().get(module);
            if (withheld != null) {
                verdicts.add(new ModuleVerdict(module, ScanStatus.NOT_SCANNED, withheld, 0, List.of()));
            } else if (results.modules().contains(module)) {
                verdicts.add(judge(module, results.runsOf(module), settings.apply(module), registry));
            }
        }
        return verdicts;
    }

    /** The verdict of one module from its checks' runs. */
    public static ModuleVerdict judge(ProtectionModule module, List<CheckRun> runs, ModuleSettings settings,
            SymbolRegistry registry) {
        if (runs.isEmpty()) {
            return ModuleVerdict.of(module, ScanStatus.NOT_SCANNED, "no check installed for " + module);
        }
        List<ScanSymbol> symbols = new ArrayList<>();
        runs.forEach(r -> symbols.addAll(r.symbols()));
        Map<String, String> excluded = module == ProtectionModule.ANTI_VIRUS ? excluded(runs, settings) : Map.of();
        if (!excluded.isEmpty()) {
            // What the engines found in an attachment the rule does not scan does not count.
            symbols.removeIf(s -> !s.parts().isEmpty() && excluded.keySet().containsAll(s.parts()));
        }
        double score = symbols.stream().mapToDouble(ScanSymbol::score).sum();
        Set<ScanStatus> found = new TreeSet<>();
        for (ScanSymbol s : symbols) {
            registry.definition(s.name()).map(d -> d.implies()).ifPresent(found::add);
        }
        if (module == ProtectionModule.ANTI_SPAM) {
            score = Math.max(0, Math.min(100, score));
            if (score >= settings.number(ModuleOption.SPAM_THRESHOLD)) {
                found.add(ScanStatus.SPAM);
            } else if (score >= settings.number(ModuleOption.PROBABLE_SPAM_THRESHOLD)) {
                found.add(ScanStatus.PROBABLE_SPAM);
            }
        }
        if (module == ProtectionModule.ANTI_PHISHING && !symbols.isEmpty()
                && score >= settings.number(ModuleOption.PHISHING_THRESHOLD)) {
            found.add(ScanStatus.PHISHING);
        }
        Set<String> ignoredSymbols = new java.util.HashSet<>();
        if (module == ProtectionModule.ANTI_VIRUS) {
            boolean macros = symbols.stream().anyMatch(s -> s.name().equals(HeuristicsCheck.OFFICE_MACRO));
            if (macros && settings.yes(ModuleOption.MACROS_PROBABLY_INFECTED)) {
                found.add(ScanStatus.PROBABLY_INFECTED);
            } else {
                ignoredSymbols.add(HeuristicsCheck.OFFICE_MACRO);
            }
        }
        List<String> filterReasons = new ArrayList<>();
        Set<String> filterParts = new LinkedHashSet<>();
        if (module == ProtectionModule.CONTENT_FILTERING) {
            for (CheckRun run : runs) {
                java.util.Optional<ContentInventory> inventory = run.result().detail(ContentInventory.class);
                if (inventory.isPresent()) {
                    ContentFilterJudge.Found violations = ContentFilterJudge.judge(inventory.get(), settings);
                    found.addAll(violations.statuses());
                    filterReasons.addAll(violations.reasons());
                    filterParts.addAll(violations.parts());
                }
            }
        }
        boolean temporaryFinding = false;
        if (module == ProtectionModule.SENDER_AUTHENTICATION) {
            SenderAuthenticationJudge.Found adjusted = SenderAuthenticationJudge.apply(found, symbols, runs, settings);
            found = adjusted.statuses();
            temporaryFinding = adjusted.temporary();
        }
        List<String> reasons = new ArrayList<>(filterReasons);
        reasons.addAll(excluded.values());
        Set<String> parts = new LinkedHashSet<>(filterParts);
        for (ScanSymbol s : symbols) {
            if (!s.reason().isEmpty()) {
                reasons.add(s.reason());
            }
            if (!ignoredSymbols.contains(s.name())) {
                parts.addAll(s.parts());
            }
        }
        if (!found.isEmpty()) {
            List<ScanStatus> statuses = List.copyOf(found);
            if (temporaryFinding) {
                runs.stream().filter(r -> r.result().outcome() == CheckOutcomeKind.TEMPORARY_FAILURE)
                        .forEach(r -> reasons.add(r.check().name() + " temporary failure"
                                + (r.result().reason().isEmpty() ? "" : ": " + r.result().reason())));
            }
            return new ModuleVerdict(module, statuses.getFirst(), reasons, score, List.copyOf(parts), statuses,
                    symbols, temporaryFinding);
        }
        Set<CheckOutcomeKind> kinds = EnumSet.noneOf(CheckOutcomeKind.class);
        List<String> problems = new ArrayList<>();
        List<CheckRun> deciding = module == ProtectionModule.SENDER_AUTHENTICATION
                ? SenderAuthenticationJudge.deciding(runs, settings) : runs;
        for (CheckRun r : runs) {
            CheckOutcomeKind kind = r.result().outcome();
            if (!deciding.contains(r)) {
                if (!kind.conclusive()) {
                    reasons.add(r.check().name() + " " + describe(kind) + " (DMARC decides)");
                }
                continue;
            }
            kinds.add(kind);
            if (!kind.conclusive()) {
                problems.add(r.check().name() + " " + describe(kind) + (r.result().reason().isEmpty() ? ""
                        : ": " + r.result().reason()));
            } else if (!r.result().reason().isEmpty()) {
                reasons.add(r.result().reason());
            }
        }
        if (kinds.contains(CheckOutcomeKind.TEMPORARY_FAILURE)) {
            return verdict(module, ScanStatus.ERROR, problems, score, symbols, true);
        }
        if (kinds.contains(CheckOutcomeKind.TIMED_OUT) || kinds.contains(CheckOutcomeKind.FAILED)) {
            return verdict(module, ScanStatus.ERROR, problems, score, symbols, false);
        }
        if (kinds.contains(CheckOutcomeKind.SKIPPED) || !excluded.isEmpty()) {
            problems.addAll(reasons);
            return verdict(module, ScanStatus.NOT_SCANNED, problems, score, symbols, false);
        }
        return verdict(module, cleanStatus(module), reasons, score, symbols, false);
    }

    /** The attachments the rule's anti-virus exclusions leave unscanned, by part, with the reasons. */
    private static Map<String, String> excluded(List<CheckRun> runs, ModuleSettings settings) {
        Map<String, String> excluded = new java.util.LinkedHashMap<>();
        for (CheckRun run : runs) {
            run.result().detail(AttachmentCatalog.class)
                    .ifPresent(catalog -> excluded.putAll(AntivirusExclusions.excluded(catalog, settings)));
        }
        return excluded;
    }

    private static ModuleVerdict verdict(ProtectionModule module, ScanStatus status, List<String> reasons,
            double score, List<ScanSymbol> symbols, boolean temporary) {
        return new ModuleVerdict(module, status, reasons, score, List.of(), List.of(status), symbols, temporary);
    }

    /** The status of a module that found nothing. */
    public static ScanStatus cleanStatus(ProtectionModule module) {
        return switch (module) {
            case ANTI_SPAM -> ScanStatus.NOT_SPAM;
            case SENDER_AUTHENTICATION -> ScanStatus.PASS;
            default -> ScanStatus.CLEAN;
        };
    }

    private static String describe(CheckOutcomeKind kind) {
        return switch (kind) {
            case SKIPPED -> "skipped";
            case TIMED_OUT -> "timed out";
            case FAILED -> "failed";
            case TEMPORARY_FAILURE -> "temporary failure";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
