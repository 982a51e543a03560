package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;

/**
 * Update group. No event of this group exists yet; the class ids below are reserved (docs/cef.md)
 * for the events being added, and this is where their mapping goes.
 */
public final class UpdateCefMapper implements CefMappingTable.GroupMapper {
    /** Anti-virus databases were updated. */
    public static final String ANTIVIRUS_BASES_UPDATED = "BW_EV_ANTIVIRUS_BASES_UPDATED";
    /** Anti-virus databases are out of date. */
    public static final String ANTIVIRUS_BASES_OUT_OF_DATE = "BW_EV_ANTIVIRUS_BASES_OUT_OF_DATE";
    /** An anti-virus database update failed. */
    public static final String ANTIVIRUS_BASES_ERROR = "BW_EV_ANTIVIRUS_BASES_ERROR";

    @Override
    public CefGroup group() {
        return CefGroup.UPDATE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        // the events of this group are mapped here as they arrive
    }
}
