package io.bulwark.admin.report;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.bulwark.events.report.FindReportScheduleQuery;
import io.bulwark.events.report.FindReportsQuery;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportFailedEvent;
import io.bulwark.events.report.ReportIds;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import io.bulwark.events.report.ReportScheduleEntry;
import io.bulwark.events.report.ReportScheduleView;
import io.bulwark.events.report.ReportType;
import io.bulwark.events.report.ReportView;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The reports list ({@value #COLLECTION}, one document per report not deleted) and the schedule in
 * force ({@value #SCHEDULE_COLLECTION}). Answers {@link FindReportsQuery} and
 * {@link FindReportScheduleQuery}. Tracking processor {@value #PROCESSING_GROUP}; handlers set values
 * and the reset handler empties both collections, so a replay rebuilds the same documents.
 */
@Component
@ProcessingGroup(ReportsProjection.PROCESSING_GROUP)
public class ReportsProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "reports";
    /** The reports. */
    public static final String COLLECTION = "reports";
    /** The schedule, one document. */
    public static final String SCHEDULE_COLLECTION = "report_schedule";

    private final MongoCollection<Document> reports;
    private final MongoCollection<Document> schedule;

    public ReportsProjection(MongoDatabase database) {
        this.reports = database.getCollection(COLLECTION);
        this.schedule = database.getCollection(SCHEDULE_COLLECTION);
    }

    @EventHandler
    void on(ReportCreatedEvent event) {
        Document doc = find(event.reportId());
        doc.append("type", event.type().name()).append("from", Date.from(event.from()))
                .append("to", Date.from(event.to())).append("fileName", event.fileName())
                .append("recipients", event.recipients()).append("status", "CREATED")
                .append("createdBy", event.actor()).append("createdAt", Date.from(event.at()));
        save(doc);
    }

    @EventHandler
    void on(ReportFailedEvent event) {
        Document doc = find(event.reportId());
        if (!doc.containsKey("type")) {
            doc.append("type", event.type() == null ? null : event.type().name())
                    .append("from", event.from() == null ? null : Date.from(event.from()))
                    .append("to", event.to() == null ? null : Date.from(event.to()))
                    .append("fileName", ReportIds.fileName(event.reportId())).append("recipients", List.of())
                    .append("createdBy", event.actor()).append("createdAt", Date.from(event.at()));
        }
        doc.append("status", "FAILED").append("reason", event.reason());
        save(doc);
    }

    @EventHandler
    void on(ReportDeletedEvent event) {
        reports.deleteOne(Filters.eq("_id", event.reportId()));
    }

    @EventHandler
    void on(ReportScheduleChangedEvent event) {
        schedule.replaceOne(Filters.eq("_id", ReportIds.SCHEDULE_ID), new Document("_id", ReportIds.SCHEDULE_ID)
                .append("daily", entry(event.daily())).append("weekly", entry(event.weekly()))
                .append("monthly", entry(event.monthly())).append("changedBy", event.actor())
                .append("changedAt", Date.from(event.at())), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        reports.deleteMany(new Document());
        schedule.deleteMany(new Document());
    }

    /** Every report, newest period first (then by id). */
    @QueryHandler
    public List<ReportView> find(FindReportsQuery query) {
        List<ReportView> rows = new ArrayList<>();
        reports.find().forEach(d -> rows.add(view(d)));
        rows.sort(Comparator.comparing((ReportView r) -> r.from() == null ? Instant.EPOCH : r.from()).reversed()
                .thenComparing(ReportView::id));
        return rows;
    }

    /** The schedule in force: all off before the first change. */
    @QueryHandler
    public ReportScheduleView find(FindReportScheduleQuery query) {
        Document d = schedule.find(Filters.eq("_id", ReportIds.SCHEDULE_ID)).first();
        if (d == null) {
            return new ReportScheduleView(ReportScheduleEntry.off(), ReportScheduleEntry.off(),
                    ReportScheduleEntry.off(), null, null);
        }
        return new ReportScheduleView(entry(d.get("daily", Document.class)), entry(d.get("weekly", Document.class)),
                entry(d.get("monthly", Document.class)), d.getString("changedBy"), d.getDate("changedAt").toInstant());
    }

    private static Document entry(ReportScheduleEntry e) {
        return new Document("enabled", e.enabled()).append("time", e.time().toString())
                .append("recipients", e.recipients());
    }

    private static ReportScheduleEntry entry(Document d) {
        return new ReportScheduleEntry(d.getBoolean("enabled", false), LocalTime.parse(d.getString("time")),
                d.getList("recipients", String.class));
    }

    private static ReportView view(Document d) {
        String type = d.getString("type");
        return new ReportView(d.getString("_id"), type == null ? null : ReportType.valueOf(type),
                instant(d.getDate("from")), instant(d.getDate("to")), d.getString("fileName"),
                d.getList("recipients", String.class, List.of()), d.getString("status"), d.getString("reason"),
                d.getString("createdBy"), instant(d.getDate("createdAt")));
    }

    private Document find(String id) {
        Document doc = reports.find(Filters.eq("_id", id)).first();
        return doc != null ? doc : new Document("_id", id);
    }

    private void save(Document doc) {
        reports.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
