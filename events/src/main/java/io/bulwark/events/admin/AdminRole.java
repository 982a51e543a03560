package io.bulwark.events.admin;

/** Console and API roles, as in the commercial gateway. */
public enum AdminRole {
    /** Everything. */
    ADMINISTRATOR,
    /** Message tracking, queue and Backup handling; no settings, no deleting backups. */
    HELPDESK,
    /** Read-only: audit log, reports, settings views. */
    AUDITOR
}
