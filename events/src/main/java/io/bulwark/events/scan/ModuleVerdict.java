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
 */
public record ModuleVerdict(ProtectionModule module, ScanStatus status, List<String> reasons, double score,
        List<String> partPaths) {

    public ModuleVerdict {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(status, "status");
        if (!status.appliesTo(module)) {
            throw new IllegalArgumentException(status + " is not a status of " + module);
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        partPaths = partPaths == null ? List.of() : List.copyOf(partPaths);
    }

    /** A message-level verdict. */
    public static ModuleVerdict of(ProtectionModule module, ScanStatus status, String... reasons) {
        return new ModuleVerdict(module, status, List.of(reasons), 0, List.of());
    }
}
