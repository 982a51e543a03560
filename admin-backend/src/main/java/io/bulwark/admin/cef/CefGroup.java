package io.bulwark.admin.cef;

/**
 * The event groups of the CEF export, the ones the commercial gateway's SIEM feed uses (reference
 * notes G.3), so that SIEM rules written for it can be ported group by group. Each group has one
 * mapper in {@code io.bulwark.admin.cef.mapping}; its {@link #msgId()} is the RFC 5424 MSGID of
 * every record of the group, so a syslog server can route by group without parsing CEF.
 */
public enum CefGroup {
    SETTINGS("Settings", "SETTINGS"),
    TASKS("Tasks", "TASKS"),
    IMPORT_EXPORT_SETTINGS("Import/Export Settings", "IMPORT_EXPORT"),
    BACKUP("Backup", "BACKUP"),
    REPORT("Report", "REPORT"),
    LICENSE("License", "LICENSE"),
    RULES("Rules", "RULES"),
    AUTH("Auth", "AUTH"),
    QUARANTINE("Quarantine", "QUARANTINE"),
    UPDATE("Update", "UPDATE"),
    SCAN_LOGIC("ScanLogic", "SCAN_LOGIC"),
    APPLIANCE("Appliance", "APPLIANCE");

    private final String title;
    private final String msgId;

    CefGroup(String title, String msgId) {
        this.title = title;
        this.msgId = msgId;
    }

    /** The group's name as the reference and docs/cef.md write it. */
    public String title() {
        return title;
    }

    /** The RFC 5424 MSGID of the group's records (at most 32 printable ASCII characters). */
    public String msgId() {
        return msgId;
    }
}
