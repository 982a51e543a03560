package io.bulwark.events.backup;

import io.bulwark.events.AggregateCommand;

/**
 * Deliver a Backup copy, unchanged, to its original recipients.
 *
 * @param backupId  the copy
 * @param requestId a new id per request (the caller makes it), so that the gateway can carry out each
 *                  request exactly once
 * @param actor     the account asking
 */
public record DeliverBackupCopyCommand(String backupId, String requestId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return backupId;
    }
}
