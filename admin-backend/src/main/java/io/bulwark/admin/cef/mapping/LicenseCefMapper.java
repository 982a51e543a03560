package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;

/**
 * License group. No event of this group exists yet; the class ids below are reserved (docs/cef.md)
 * for the events being added, and this is where their mapping goes.
 */
public final class LicenseCefMapper implements CefMappingTable.GroupMapper {
    /** A licence key was installed or replaced. */
    public static final String LICENSE_INSTALLED = "BW_EV_LICENSE_INSTALLED";
    /** The licence expires soon. */
    public static final String LICENSE_EXPIRES_SOON = "BW_EV_LICENSE_EXPIRES_SOON";
    /** The licence expired. */
    public static final String LICENSE_EXPIRED = "BW_EV_LICENSE_EXPIRED";

    @Override
    public CefGroup group() {
        return CefGroup.LICENSE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        // the events of this group are mapped here as they arrive
    }
}
