package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;

/**
 * Report group. No event of this group exists yet; the class ids below are reserved (docs/cef.md)
 * for the events being added, and this is where their mapping goes.
 */
public final class ReportCefMapper implements CefMappingTable.GroupMapper {
    /** A scheduled or custom report was created. */
    public static final String REPORT_CREATED = "BW_EV_REPORT_CREATED";
    /** Creating a report failed. */
    public static final String REPORT_CREATING_ERROR = "BW_EV_REPORT_CREATING_ERROR";

    @Override
    public CefGroup group() {
        return CefGroup.REPORT;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        // the events of this group are mapped here as they arrive
    }
}
