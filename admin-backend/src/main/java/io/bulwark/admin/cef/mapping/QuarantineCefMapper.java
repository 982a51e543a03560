package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;

/**
 * Quarantine group. No event of this group exists yet; the class ids below are reserved (docs/cef.md)
 * for the events being added, and this is where their mapping goes.
 */
public final class QuarantineCefMapper implements CefMappingTable.GroupMapper {
    /** A message was put into (or released from) the anti-spam quarantine. */
    public static final String ASP_QUARANTINE = "BW_EV_ASP_QUARANTINE";

    @Override
    public CefGroup group() {
        return CefGroup.QUARANTINE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        // the events of this group are mapped here as they arrive
    }
}
