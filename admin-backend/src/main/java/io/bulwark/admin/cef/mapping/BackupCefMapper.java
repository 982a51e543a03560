package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
import io.bulwark.events.backup.BackupCopyEvictedEvent;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.BackupStorageLowEvent;
import io.bulwark.events.backup.BackupTrigger;

/** Backup group: copies of originals stored, rotated out, restored, downloaded, deleted; storage low. */
public final class BackupCefMapper implements CefMappingTable.GroupMapper {
    /** A copy of an original was put into Backup. */
    public static final String MESSAGE_ADDED = "BW_EV_BACKUP_MESSAGE_ADDED";
    /** A copy was removed by rotation (size cap, age). */
    public static final String ROTATED = "BW_EV_BACKUP_ROTATED";
    /** An administrator had a copy delivered ({@code act=deliver}) or deleted ({@code act=delete}). */
    public static final String MESSAGE_RESTORE = "BW_EV_BACKUP_MESSAGE_RESTORE";
    /** An administrator downloaded a copy (the reference's {@code LMS_AUDIT_BACKUP_MESSAGE_DOWNLOAD}). */
    public static final String MESSAGE_DOWNLOAD = "BW_AUDIT_BACKUP_MESSAGE_DOWNLOAD";
    /** Backup storage is nearly full (size cap or free disk). */
    public static final String LIMIT_REACHED = "BW_EV_BACKUP_LIMIT_REACHED";

    @Override
    public CefGroup group() {
        return CefGroup.BACKUP;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(BackupCopyStoredEvent.class, e -> CefFields.message(CefRecord.builder(MESSAGE_ADDED,
                "Backup copy stored", 2).time(e.at()), e.message())
                .customString(5, "BackupId", e.backupId())
                .list("reason", e.triggers().stream().map(BackupCefMapper::trigger).toList())
                .put("fsize", e.sizeBytes()).put("fileHash", e.sha256()).build());
        r.map(BackupCopyEvictedEvent.class, e -> CefRecord.builder(ROTATED, "Backup copy rotated out", 2)
                .time(e.at()).customString(5, "BackupId", e.backupId()).put("reason", e.reason().name())
                .put("fsize", e.compressedBytes()).build());
        r.map(BackupCopyDeliveryRequestedEvent.class, e -> CefFields.message(CefRecord.builder(
                MESSAGE_RESTORE, "Backup copy restored", 5).time(e.at()), e.message())
                .put("act", "deliver").customString(3, "Account", e.actor()).customString(5, "BackupId", e.backupId()).build());
        r.map(BackupCopyDeletedEvent.class, e -> CefFields.actor(CefRecord.builder(MESSAGE_RESTORE,
                "Backup copy deleted", 4).time(e.at()), e.actor()).put("act", "delete")
                .customString(5, "BackupId", e.backupId()).build());
        r.map(BackupCopyDownloadedEvent.class, e -> CefFields.actor(CefRecord.builder(MESSAGE_DOWNLOAD,
                "Backup copy downloaded", 5).time(e.at()), e.actor())
                .customString(5, "BackupId", e.backupId()).build());
        r.map(BackupStorageLowEvent.class, e -> CefRecord.builder(LIMIT_REACHED, "Backup storage low", 6)
                .time(e.at()).put("dvchost", e.nodeId())
                .list("reason", e.conditions().stream().map(Enum::name).toList())
                .customNumber(1, "UsedBytes", e.usedBytes()).customNumber(2, "MaxBytes", e.maxBytes())
                .customNumber(3, "FreeDiskBytes", e.freeDiskBytes()).build());
    }

    private static String trigger(BackupTrigger t) {
        return t.module() + " " + t.status() + " (rule " + t.ruleName() + ")";
    }
}
