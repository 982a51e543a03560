package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefMappingTable;
import java.util.List;

/** The export's table: one mapper per group, in the reference's order. */
public final class StandardCefMappings {
    private StandardCefMappings() {
    }

    /** Every group's mapper. */
    public static List<CefMappingTable.GroupMapper> mappers() {
        return List.of(new SettingsCefMapper(), new TasksCefMapper(), new ImportExportCefMapper(),
                new BackupCefMapper(), new ReportCefMapper(), new LicenseCefMapper(), new RulesCefMapper(),
                new AuthCefMapper(), new QuarantineCefMapper(), new UpdateCefMapper(), new ScanLogicCefMapper(),
                new ApplianceCefMapper());
    }

    /** The table of {@link #mappers()}. */
    public static CefMappingTable table() {
        return CefMappingTable.of(mappers());
    }
}
