package io.bulwark.events.backup;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifier conventions of Backup copies, shared by the gateway (which creates copies), the store
 * and the admin backend.
 *
 * <p>A backup id is 1-128 characters of {@code A-Z a-z 0-9 . _ -}: it appears in URLs
 * ({@code /api/v1/backup/{id}}), in chunk keys ({@code <id>/<n>}) and in file names, so no separator
 * or space may occur. The gateway should derive it from the queue id (e.g. {@code <queueId>.b}) so
 * that a retry after a crash stores the same copy again instead of a second one.
 */
public final class BackupCopyIds {

    /** Aggregate type of every Backup copy's event stream. */
    public static final String AGGREGATE_TYPE = "BackupCopy";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private BackupCopyIds() {
    }

    /** The backup id of a message's copy: the queue id plus a suffix, so a retry finds the same copy. */
    public static String ofQueueId(String queueId) {
        return queueId + ".b";
    }

    /** Whether {@code backupId} follows the convention above. */
    public static boolean isValid(String backupId) {
        return backupId != null && VALID.matcher(backupId).matches();
    }

    /**
     * The event identifier of a copy's {@link BackupCopyStoredEvent}: a name-based UUID of the backup
     * id. Deterministic, so whoever appends the event first (gateway, or the admin backend repairing
     * a copy whose event was lost in a crash) wins and the other append is recognised as a duplicate.
     */
    public static String storedEventId(String backupId) {
        return UUID.nameUUIDFromBytes(("BackupCopyStored/" + backupId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The event identifier of a copy's {@link BackupCopyEvictedEvent}, deterministic for the same reason. */
    public static String evictedEventId(String backupId) {
        return UUID.nameUUIDFromBytes(("BackupCopyEvicted/" + backupId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
