package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;

/**
 * Auth group: logins to the console and the API (the reference's 2.1.1 audit class
 * {@code LMS_AUDIT_AUTHENTICATION}) and account changes. No password hash ever leaves: the
 * events' {@code @Secret} fields are not read here.
 */
public final class AuthCefMapper implements CefMappingTable.GroupMapper {
    /** A login succeeded, failed, or was refused by the throttle ({@code outcome}, {@code cs2} ErrorId). */
    public static final String AUTHENTICATION = "BW_AUDIT_AUTHENTICATION";
    /** An administrator account was created. */
    public static final String ACCOUNT_CREATED = "BW_AUDIT_ACCOUNT_CREATED";
    /** An account's password was changed. */
    public static final String PASSWORD_CHANGED = "BW_AUDIT_PASSWORD_CHANGED";
    /** A signed-in user signed out. */
    public static final String LOGOUT = "BW_AUDIT_LOGOUT";
    /** Too many failed logins locked an account or an address for a while. */
    public static final String LOCKED_OUT = "BW_AUDIT_LOCKED_OUT";
    /** An account must change its password at its next sign-in. */
    public static final String PASSWORD_CHANGE_REQUIRED = "BW_AUDIT_PASSWORD_CHANGE_REQUIRED";
    /** An account was disabled, enabled again, or deleted ({@code act}). */
    public static final String ACCOUNT_CHANGED = "BW_AUDIT_ACCOUNT_CHANGED";

    @Override
    public CefGroup group() {
        return CefGroup.AUTH;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(AdminLoginRecordedEvent.class, e -> {
            String error = e.success() ? null : e.throttled() ? "LoginAttemptsExceed"
                    : Boolean.TRUE.equals(e.unknownAccount()) ? "UnknownAccount" : "AuthFailed";
            int severity = e.success() ? 2 : e.throttled() ? 7 : 5;
            CefRecord.Builder b = CefRecord.builder(AUTHENTICATION,
                    e.success() ? "Login succeeded" : "Login failed", severity).time(e.at());
            CefFields.source(b, e.remoteAddress());
            return b.put("suser", e.username())
                    .put("outcome", e.success() ? "success" : "failure")
                    .put("app", e.channel())
                    .customString(1, "AuthType", "Local")
                    .customString(2, "ErrorId", error)
                    .put("reason", e.success() ? null : e.throttled()
                            ? "refused by the login throttle before the password was checked"
                            : Boolean.TRUE.equals(e.unknownAccount()) ? "no such account (the name typed is not kept)"
                            : "wrong password")
                    .build();
        });
        r.map(AdminAccountCreatedEvent.class, e -> CefFields.actor(CefRecord.builder(ACCOUNT_CREATED,
                "Account created", 4).time(e.at()), e.actor()).put("duser", e.username())
                .customString(3, "Role", e.role()).build());
        r.map(AdminPasswordChangedEvent.class, e -> CefFields.actor(CefRecord.builder(PASSWORD_CHANGED,
                "Password changed", 4).time(e.at()), e.actor()).put("duser", e.username()).build());
        r.map(io.bulwark.events.admin.AdminLogoutRecordedEvent.class, e -> {
            CefRecord.Builder b = CefRecord.builder(LOGOUT, "Logout", 2).time(e.at());
            CefFields.source(b, e.remoteAddress());
            return b.put("suser", e.username()).put("app", e.channel()).build();
        });
        r.map(io.bulwark.events.admin.AdminLockedOutEvent.class, e -> {
            CefRecord.Builder b = CefRecord.builder(LOCKED_OUT, "Login locked out", 7).time(e.at());
            CefFields.source(b, e.remoteAddress());
            return b.put("suser", e.username()).customString(1, "AuthType", "Local")
                    .customString(2, "ErrorId", "LoginAttemptsExceed").customString(3, "Scope", e.scope())
                    .customNumber(1, "Failures", (long) e.failures()).customDate(1, "LockedUntil", e.lockedUntil())
                    .build();
        });
        r.map(io.bulwark.events.admin.AdminPasswordChangeRequiredEvent.class, e -> CefFields.actor(
                CefRecord.builder(PASSWORD_CHANGE_REQUIRED, "Password change required", 3).time(e.at()), e.actor())
                .put("duser", e.username()).put("reason", e.reason()).build());
        r.map(io.bulwark.events.admin.AdminAccountDisabledEvent.class, e -> account("disabled", 5, e.username(),
                e.actor(), e.at()));
        r.map(io.bulwark.events.admin.AdminAccountEnabledEvent.class, e -> account("enabled", 4, e.username(),
                e.actor(), e.at()));
        r.map(io.bulwark.events.admin.AdminAccountDeletedEvent.class, e -> account("deleted", 5, e.username(),
                e.actor(), e.at()));
    }

    private static io.bulwark.admin.cef.CefRecord account(String act, int severity, String username, String actor,
            java.time.Instant at) {
        return CefFields.actor(CefRecord.builder(ACCOUNT_CHANGED, "Account " + act, severity).time(at), actor)
                .put("duser", username).put("act", act).build();
    }
}
