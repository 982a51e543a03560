package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.events.licence.LicenceNoticeRaisedEvent;

/**
 * License group (reference notes E and G.3): key changes by administrators and the licence notices
 * the check raises once per transition. Keys as the reference: {@code cs1} LicenseID, {@code cs2}
 * FunctionalityLevel, {@code cs3} KeyType, {@code cn1} DaysLeft, {@code deviceCustomDate1}
 * ExpirationDate, {@code reason}; {@code suser} for an administrator's change.
 */
public final class LicenseCefMapper implements CefMappingTable.GroupMapper {
    /** A licence key was installed or replaced. */
    public static final String LICENSE_INSTALLED = "BW_EV_LICENSE_INSTALLED";
    /** A licence key was removed. */
    public static final String LICENSE_REMOVED = "BW_EV_LICENSE_REMOVED";
    /** The additional key became the active one. */
    public static final String LICENSE_PROMOTED = "BW_EV_LICENSE_PROMOTED";
    /** A key was put on, or taken off, the deny list by an administrator. */
    public static final String LICENSE_BLOCK_CHANGED = "BW_EV_LICENSE_BLOCK_CHANGED";
    /** A valid key is in force. */
    public static final String LICENSE_OK = "BW_EV_LICENSE_OK";
    /** No active key while licensing is enforced. */
    public static final String NO_LICENSE = "BW_EV_NO_LICENSE";
    /** The active key is not valid yet. */
    public static final String LICENSE_INVALID = "BW_EV_LICENSE_INVALID";
    /** The licence expires soon. */
    public static final String LICENSE_EXPIRES_SOON = "BW_EV_LICENSE_EXPIRES_SOON";
    /** A subscription is in its grace period. */
    public static final String GRACE_PERIOD = "BW_EV_GRACE_PERIOD";
    /** The licence expired. */
    public static final String LICENSE_EXPIRED = "BW_EV_LICENSE_EXPIRED";
    /** A trial key expired. */
    public static final String LICENSE_TRIAL_EXPIRED = "BW_EV_LICENSE_TRIAL_EXPIRED";
    /** The active key is on the deny list. */
    public static final String LICENSE_BLACKLISTED = "BW_EV_LICENSE_BLACKLISTED";
    /** A valid key is in force again after a warning, expiry or block. */
    public static final String LICENSE_UPDATED = "BW_EV_LICENSE_UPDATED";

    @Override
    public CefGroup group() {
        return CefGroup.LICENSE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(LicenceKeyInstalledEvent.class, e -> key(LICENSE_INSTALLED, "Licence key installed", 3, e.key(),
                e.actor(), e.at()).customString(4, "Slot", e.slot()).put("reason", e.replacedLicenceNumber() == null
                        ? null : "replaces " + e.replacedLicenceNumber()).build());
        r.map(LicenceKeyRemovedEvent.class, e -> key(LICENSE_REMOVED, "Licence key removed", 5, e.key(), e.actor(),
                e.at()).customString(4, "Slot", e.slot()).build());
        r.map(LicenceKeyPromotedEvent.class, e -> key(LICENSE_PROMOTED, "Additional key became active", 4, e.key(),
                e.actor(), e.at()).put("reason", e.reason()).build());
        r.map(LicenceKeyBlockedEvent.class, e -> CefFields.actor(CefRecord.builder(LICENSE_BLOCK_CHANGED,
                "Licence key blocked", 7).time(e.at()), e.actor()).put("act", "blocked")
                .customString(1, "LicenseID", e.licenceNumber()).put("reason", e.reason()).build());
        r.map(LicenceKeyUnblockedEvent.class, e -> CefFields.actor(CefRecord.builder(LICENSE_BLOCK_CHANGED,
                "Licence key unblocked", 4).time(e.at()), e.actor()).put("act", "unblocked")
                .customString(1, "LicenseID", e.licenceNumber()).build());
        r.map(LicenceNoticeRaisedEvent.class, e -> {
            String[] cls = switch (e.notice()) {
                case LICENCE_OK -> new String[] {LICENSE_OK, "Licence in force", "2"};
                case NO_LICENCE -> new String[] {NO_LICENSE, "No licence: nothing is scanned", "8"};
                case INVALID -> new String[] {LICENSE_INVALID, "Licence key not valid yet", "7"};
                case EXPIRES_SOON -> new String[] {LICENSE_EXPIRES_SOON, "Licence expires soon", "5"};
                case GRACE_PERIOD -> new String[] {GRACE_PERIOD, "Licence in its grace period", "6"};
                case EXPIRED -> new String[] {LICENSE_EXPIRED, "Licence expired: updates stopped", "7"};
                case TRIAL_EXPIRED -> new String[] {LICENSE_TRIAL_EXPIRED, "Trial expired: scanning stopped", "8"};
                case BLOCKED -> new String[] {LICENSE_BLACKLISTED, "Licence key blocked: scanning stopped", "8"};
                case RENEWED -> new String[] {LICENSE_UPDATED, "Licence renewed", "3"};
            };
            return CefFields.actor(CefRecord.builder(cls[0], cls[1], Integer.parseInt(cls[2])).time(e.at()), e.actor())
                    .customString(1, "LicenseID", e.licenceNumber())
                    .customString(2, "FunctionalityLevel", e.functionality())
                    .customString(3, "KeyType", e.keyType())
                    .customNumber(1, "DaysLeft", e.daysLeft() == null ? null : e.daysLeft().longValue())
                    .customDate(1, "ExpirationDate", e.expiry())
                    .put("reason", e.reason()).build();
        });
    }

    private static CefRecord.Builder key(String classId, String name, int severity, LicenceKeyFacts key,
            String actor, java.time.Instant at) {
        return CefFields.actor(CefRecord.builder(classId, name, severity).time(at), actor)
                .customString(1, "LicenseID", key.licenceNumber())
                .customString(2, "FunctionalityLevel", key.functionality())
                .customString(3, "KeyType", key.type())
                .customDate(1, "ExpirationDate", key.expiry());
    }
}
