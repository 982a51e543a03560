package io.bulwark.events.backup;

import io.bulwark.events.AggregateCommand;

/**
 * Record that an account is about to download a Backup copy as an {@code .eml} file. Sent before the
 * bytes are handed out, so that no download goes unaudited.
 *
 * @param backupId the copy
 * @param actor    the account downloading it
 */
public record DownloadBackupCopyCommand(String backupId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return backupId;
    }
}
