package io.bulwark.events.scan;

import java.util.List;
import java.util.Objects;

/**
 * What one protection module found in one message. Scanners report, they never decide: the action
 * follows from the rule (STYLE.md 11).
 *
 * @param module    the module that scanned
 * @param status    one of {@code module.statuses()}
 * @param reasons   why, in words an administrator understands (e.g. "EICAR test file in part 2
 *                  (eicar.zip!eicar.com)", "timed out after 30 s"); never message content
 * @param score     the module's score (anti-spam rating, 0 where the module has none)
 * @param partPaths the MIME parts the status is about ("1", "2.1", IMAP numbering), empty when the
 *                  status concerns the whole message; "Delete attachment" removes these parts
 * @param statuses  every status the module found, most severe first ({@code status} is the first):
 *                  sender authentication can find SPF_FAIL and DKIM_FAIL in one message, and the
 *                  rule acts on each. Old events (revision 1) have none stored: it is then
 *                  {@code [status]}
 * @param symbols   the symbols that led to the status (empty in revision 1 events)
 * @param temporary whether the status (ERROR) comes from a temporary failure (DNS timeout, engine
 *                  busy), which a rule may answer with 451 instead of the ERROR action
 */
public record ModuleVerdict(ProtectionModule module, ScanStatus status, List<String> reasons, double score,
        List<String> partPaths, List<ScanStatus> statuses, List<ScanSymbol> symbols, boolean temporary) {

    public ModuleVerdict {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(status, "status");
        if (!status.appliesTo(module)) {
            throw new IllegalArgumentException(status + " is not a status of " + module);
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        partPaths = partPaths == null ? List.of() : List.copyOf(partPaths);
        statuses = statuses == null || statuses.isEmpty() ? List.of(status) : List.copyOf(statuses);
        if (statuses.getFirst() != status) {
            throw new IllegalArgumentException("statuses must start with the status " + status + ": " + statuses);
        }
        for (ScanStatus s : statuses) {
            if (!s.appliesTo(module)) {
                throw new IllegalArgumentException(s + " is not a status of " + module);
            }
        }
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
    }

    /** A verdict of one status without symbols (revision 1 shape). */
    public ModuleVerdict(ProtectionModule module, ScanStatus status, List<String> reasons, double score,
            List<String> partPaths) {
        this(module, status, reasons, score, partPaths, List.of(status), List.of(), false);
    }

    /** A message-level verdict. */
    public static ModuleVerdict of(ProtectionModule module, ScanStatus status, String... reasons) {
        return new ModuleVerdict(module, status, List.of(reasons), 0, List.of());
    }
}
