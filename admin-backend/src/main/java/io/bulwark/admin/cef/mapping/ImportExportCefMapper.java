package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;

/**
 * Import/Export Settings group. No event of this group exists yet; the class ids below are reserved (docs/cef.md)
 * for the events being added, and this is where their mapping goes.
 */
public final class ImportExportCefMapper implements CefMappingTable.GroupMapper {
    /** Settings were imported from a file. */
    public static final String SETTINGS_IMPORTED = "BW_EV_SETTINGS_IMPORTED";
    /** Settings were exported to a file. */
    public static final String SETTINGS_EXPORTED = "BW_EV_SETTINGS_EXPORTED";

    @Override
    public CefGroup group() {
        return CefGroup.IMPORT_EXPORT_SETTINGS;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        // the events of this group are mapped here as they arrive
    }
}
