package io.bulwark.events.backup;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.Objects;

/**
 * Why a copy was put into Backup: a module reported a status whose action in the applying rule had
 * the Backup flag set. A message can have several triggers (two modules fired, or two recipient
 * groups with different rules).
 *
 * @param module   the module that reported the status
 * @param status   the status, one of {@code module.statuses()}
 * @param ruleId   the rule that asked for the copy
 * @param ruleName its name at the time (rules can be renamed later)
 */
public record BackupTrigger(ProtectionModule module, ScanStatus status, String ruleId, String ruleName) {

    public BackupTrigger {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(status, "status");
        if (!status.appliesTo(module)) {
            throw new IllegalArgumentException(status + " is not a status of " + module);
        }
    }
}
