package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;

/**
 * Update group: the anti-virus databases of each node (the reference's G.3 "Update": records in
 * {@code cnt}, {@code deviceCustomDate1} PublishingTime of the newest container,
 * {@code deviceCustomDate2} IndexPublishingTime, {@code cn1} days out of date, {@code reason}).
 */
public final class UpdateCefMapper implements CefMappingTable.GroupMapper {
    /** Anti-virus databases were updated. */
    public static final String ANTIVIRUS_BASES_UPDATED = "BW_EV_ANTIVIRUS_BASES_UPDATED";
    /** Anti-virus databases are out of date. */
    public static final String ANTIVIRUS_BASES_OUT_OF_DATE = "BW_EV_ANTIVIRUS_BASES_OUT_OF_DATE";
    /** An anti-virus database update failed. */
    public static final String ANTIVIRUS_BASES_ERROR = "BW_EV_ANTIVIRUS_BASES_ERROR";
    /** The source had nothing newer than the databases in use. */
    public static final String ANTIVIRUS_BASES_UP_TO_DATE = "BW_EV_ANTIVIRUS_BASES_UP_TO_DATE";

    @Override
    public CefGroup group() {
        return CefGroup.UPDATE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent.class, e -> update(
                ANTIVIRUS_BASES_UPDATED, "Databases updated", 3, e.nodeId(), e.source(), e.records(),
                e.publishedAt(), e.at()).customDate(2, "IndexPublishingTime", e.indexPublishedAt())
                .customString(3, "Updated", String.join(",", e.updated())).build());
        r.map(io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent.class, e -> update(
                ANTIVIRUS_BASES_UP_TO_DATE, "Databases up to date", 1, e.nodeId(), e.source(), e.records(),
                e.publishedAt(), e.at()).customDate(2, "IndexPublishingTime", e.indexPublishedAt()).build());
        r.map(io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent.class, e -> update(
                ANTIVIRUS_BASES_ERROR, "Database update failed", 6, e.nodeId(), e.source(), e.records(),
                e.publishedAt(), e.at()).put("reason", e.reason()).build());
        r.map(io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent.class, e -> update(
                ANTIVIRUS_BASES_OUT_OF_DATE, "Databases out of date", 7, e.nodeId(), null, e.records(),
                e.publishedAt(), e.at()).customNumber(1, "DaysOutOfDate", e.days()).build());
    }

    private static io.bulwark.admin.cef.CefRecord.Builder update(String classId, String name, int severity,
            String node, String source, long records, java.time.Instant published, java.time.Instant at) {
        return io.bulwark.admin.cef.CefRecord.builder(classId, name, severity).time(at).put("dvchost", node)
                .put("cnt", String.valueOf(records)).customString(4, "Source", source)
                .customDate(1, "PublishingTime", published);
    }
}
