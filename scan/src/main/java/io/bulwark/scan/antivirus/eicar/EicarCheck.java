package io.bulwark.scan.antivirus.eicar;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.WalkReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Anti-virus check that detects the EICAR anti-malware test file, so the whole anti-virus path
 * (statuses, actions, Backup, attachment removal) can be exercised without real malware.
 *
 * <p>Detection follows EICAR's definition: the object <em>starts</em> with the 68-byte string and
 * is followed by nothing but whitespace (space, TAB, CR, LF, Ctrl-Z), 128 bytes at most in all. A
 * longer file, a lowercase copy or the string split across two parts is not the test file.
 *
 * <p>Looks at every leaf the node's {@link ArchiveWalker} hands it (decoded MIME parts, archive
 * entries at any depth), so it defends against archive bombs only through the walker's limits.
 * Reports {@code EICAR_TEST_FILE} (INFECTED) per object found, naming the part and the path in the
 * archive; the walker's encrypted and damaged containers as {@code ARCHIVE_ENCRYPTED} (ENCRYPTED)
 * and {@code ARCHIVE_CORRUPTED} (CORRUPTED). With nothing found, a limit, an unsupported format
 * or an incomplete MIME view makes it SKIPPED with the reasons (NOT_SCANNED), never CLEAN.
 *
 * <p>Stateless and thread-safe. Needs the {@link ArchiveWalker} service.
 */
public final class EicarCheck implements Check {
    /** Symbol of a found test file. */
    public static final String EICAR_TEST_FILE = "EICAR_TEST_FILE";
    /** Symbol of an archive entry that could not be read because it is encrypted. */
    public static final String ARCHIVE_ENCRYPTED = "ARCHIVE_ENCRYPTED";
    /** Symbol of a damaged archive. */
    public static final String ARCHIVE_CORRUPTED = "ARCHIVE_CORRUPTED";

    /** Kept in two halves so that this class file itself is not the test string to a scanner. */
    private static final byte[] EICAR = String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
            "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").getBytes(StandardCharsets.US_ASCII);
    private static final int EICAR_MAX_FILE = 128;

    @Override
    public String name() {
        return "eicar";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_VIRUS;
    }

    /** Anti-virus statuses follow from the symbols, not from a score: the weights are 0. */
    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(EICAR_TEST_FILE, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.INFECTED,
                        "the EICAR anti-malware test file"),
                new SymbolDefinition(ARCHIVE_ENCRYPTED, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.ENCRYPTED,
                        "an encrypted or password-protected archive entry that could not be scanned"),
                new SymbolDefinition(ARCHIVE_CORRUPTED, ProtectionModule.ANTI_VIRUS, 0, ScanStatus.CORRUPTED,
                        "a damaged archive that could not be scanned"));
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        List<Symbol> found = new ArrayList<>();
        WalkReport walk = context.service(ArchiveWalker.class).walk(context.message(), leaf -> {
            if (isEicar(leaf.head(EICAR_MAX_FILE + 1))) {
                found.add(Symbol.of(EICAR_TEST_FILE, "EICAR test file in " + leaf.location(), leaf.partPath()));
            }
            return true;
        });
        List<String> notScanned = new ArrayList<>(context.message().problems());
        for (WalkReport.Notice n : walk.notices()) {
            switch (n.kind()) {
                case ENCRYPTED -> found.add(Symbol.of(ARCHIVE_ENCRYPTED, n.reason(), n.partPath()));
                case CORRUPTED -> found.add(Symbol.of(ARCHIVE_CORRUPTED, n.reason(), n.partPath()));
                case LIMIT, UNSUPPORTED_FORMAT -> notScanned.add(n.reason());
            }
        }
        if (!found.isEmpty()) {
            return CheckResult.found(found);
        }
        return notScanned.isEmpty() ? CheckResult.clean() : CheckResult.skipped(String.join("; ", notScanned));
    }

    static boolean isEicar(byte[] head) {
        if (head.length < EICAR.length || head.length > EICAR_MAX_FILE) {
            return false;
        }
        for (int i = 0; i < EICAR.length; i++) {
            if (head[i] != EICAR[i]) {
                return false;
            }
        }
        for (int i = EICAR.length; i < head.length; i++) {
            byte b = head[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x1a) {
                return false;
            }
        }
        return true;
    }
}
