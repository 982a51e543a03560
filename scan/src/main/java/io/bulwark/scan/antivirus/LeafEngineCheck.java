package io.bulwark.scan.antivirus;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.WalkReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The anti-virus check for a {@link LeafEngine}: walks the message with the node's
 * {@link ArchiveWalker} and asks the engine about every leaf.
 *
 * <p>Reports {@code <PREFIX>_FOUND} (INFECTED) per signature and object, reason
 * "{@code engine: Signature.Name in part 2 (a.zip!b.exe)}"; the walker's encrypted and damaged
 * containers as {@code <PREFIX>_ENCRYPTED} and {@code <PREFIX>_CORRUPTED} (each engine has its
 * own symbols, so that two engines can be installed beside the EICAR check). With nothing found,
 * a walker limit, an unsupported format or an incomplete MIME view makes it SKIPPED with the
 * reasons, never CLEAN. An engine without usable signatures is FAILED (the module's ERROR status:
 * ClamAV's "databases error"). Defends against archive bombs only through the walker's limits;
 * stops at the pipeline's time limit (the walker and the engine both check for interruption).
 *
 * <p>Stateless and thread-safe when the engine is.
 */
public final class LeafEngineCheck implements Check {
    private final String name;
    private final LeafEngine engine;
    private final String found;
    private final String encrypted;
    private final String corrupted;

    /**
     * @param name   the check's name ("signatures")
     * @param engine the engine asked about each leaf
     */
    public LeafEngineCheck(String name, LeafEngine engine) {
        this.name = Objects.requireNonNull(name, "name");
        this.engine = Objects.requireNonNull(engine, "engine");
        String prefix = "AV_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        this.found = prefix + "_FOUND";
        this.encrypted = prefix + "_ENCRYPTED";
        this.corrupted = prefix + "_CORRUPTED";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_VIRUS;
    }

    /** The symbol of a detection ("AV_SIGNATURES_FOUND"). */
    public String foundSymbol() {
        return found;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(found, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.INFECTED,
                        "a signature of the " + engine.name() + " engine matched"),
                new SymbolDefinition(encrypted, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.ENCRYPTED,
                        "an encrypted archive entry the " + engine.name() + " engine could not scan"),
                new SymbolDefinition(corrupted, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.CORRUPTED,
                        "a damaged archive the " + engine.name() + " engine could not scan"));
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        Optional<LeafEngine.Scanner> scanner = engine.forMessage();
        if (scanner.isEmpty()) {
            return CheckResult.failed(engine.name() + ": " + engine.unavailable());
        }
        List<Symbol> symbols = new ArrayList<>();
        WalkReport walk = context.service(ArchiveWalker.class).walk(context.message(), leaf -> {
            for (String signature : scanner.get().scan(leaf)) {
                symbols.add(Symbol.of(found, engine.name() + ": " + signature + " in " + leaf.location(),
                        leaf.partPath()));
            }
            return true;
        });
        List<String> notScanned = new ArrayList<>(context.message().problems());
        for (WalkReport.Notice n : walk.notices()) {
            switch (n.kind()) {
                case ENCRYPTED -> symbols.add(Symbol.of(encrypted, n.reason(), n.partPath()));
                case CORRUPTED -> symbols.add(Symbol.of(corrupted, n.reason(), n.partPath()));
                case LIMIT, UNSUPPORTED_FORMAT -> notScanned.add(n.reason());
            }
        }
        if (!symbols.isEmpty()) {
            return CheckResult.found(symbols);
        }
        return notScanned.isEmpty() ? CheckResult.clean() : CheckResult.skipped(String.join("; ", notScanned));
    }
}
