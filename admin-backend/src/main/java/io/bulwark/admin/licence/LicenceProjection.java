package io.bulwark.admin.licence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.bulwark.events.licence.FindLicenceQuery;
import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceNoticeRaisedEvent;
import io.bulwark.events.licence.LicenceSlot;
import io.bulwark.events.licence.LicenceType;
import io.bulwark.events.licence.LicenceView;
import io.bulwark.scan.licence.LicenceRegister;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The licence as the console and the API show it: one document ({@code _id} {@value LicenceIds#AGGREGATE_ID})
 * in {@value #COLLECTION} with the keys (read through {@link LicenceRegister}, as the aggregate and
 * the gateways read them), when the active key was installed, the deny list, and the notices raised
 * (newest first, at most {@value LicenceView#MAX_NOTICES}). Answers {@link FindLicenceQuery}.
 * Tracking processor {@value #PROCESSING_GROUP}; handlers set values and the reset handler empties
 * the collection, so a replay from zero rebuilds the same document.
 */
@Component
@ProcessingGroup(LicenceProjection.PROCESSING_GROUP)
public class LicenceProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "licence";
    /** MongoDB collection. */
    public static final String COLLECTION = "licence_state";

    private final MongoCollection<Document> state;

    public LicenceProjection(MongoDatabase database) {
        this.state = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(LicenceKeyInstalledEvent event) {
        update(event, event.slot() == LicenceSlot.ACTIVE ? event.at() : null, null);
    }

    @EventHandler
    void on(LicenceKeyRemovedEvent event) {
        update(event, null, null);
    }

    @EventHandler
    void on(LicenceKeyPromotedEvent event) {
        update(event, event.at(), null);
    }

    @EventHandler
    void on(LicenceKeyBlockedEvent event) {
        update(event, null, null);
    }

    @EventHandler
    void on(LicenceKeyUnblockedEvent event) {
        update(event, null, null);
    }

    @EventHandler
    void on(LicenceNoticeRaisedEvent event) {
        update(event, null, new LicenceView.Notice(event.notice(), event.licenceNumber(), event.daysLeft(),
                event.reason(), event.at()));
    }

    @ResetHandler
    void reset() {
        state.deleteMany(new Document());
    }

    @QueryHandler
    public LicenceView find(FindLicenceQuery query) {
        return view(state.find(Filters.eq("_id", LicenceIds.AGGREGATE_ID)).first());
    }

    private void update(Object event, Instant activeInstalledAt, LicenceView.Notice notice) {
        LicenceView before = view(state.find(Filters.eq("_id", LicenceIds.AGGREGATE_ID)).first());
        LicenceRegister register = new LicenceRegister(before.active(), before.additional(),
                new TreeSet<>(before.blocked()), before.keyEverInstalled()).apply(event);
        Instant installedAt = register.active() == null ? null
                : activeInstalledAt != null ? activeInstalledAt : before.activeInstalledAt();
        List<LicenceView.Notice> notices = new ArrayList<>(before.notices());
        if (notice != null) {
            notices.addFirst(notice);
            while (notices.size() > LicenceView.MAX_NOTICES) {
                notices.removeLast();
            }
        }
        Document document = new Document("_id", LicenceIds.AGGREGATE_ID)
                .append("active", key(register.active()))
                .append("activeInstalledAt", installedAt == null ? null : Date.from(installedAt))
                .append("additional", key(register.additional()))
                .append("blocked", List.copyOf(new TreeSet<>(register.blocked())))
                .append("keyEverInstalled", register.keyEverInstalled())
                .append("notices", notices.stream().map(LicenceProjection::notice).toList());
        state.replaceOne(Filters.eq("_id", LicenceIds.AGGREGATE_ID), document, new ReplaceOptions().upsert(true));
    }

    private static LicenceView view(Document d) {
        if (d == null) {
            return new LicenceView(null, null, null, List.of(), false, List.of());
        }
        Date installedAt = d.getDate("activeInstalledAt");
        return new LicenceView(key(d.get("active", Document.class)), installedAt == null ? null
                : installedAt.toInstant(), key(d.get("additional", Document.class)),
                d.getList("blocked", String.class), d.getBoolean("keyEverInstalled", false),
                d.getList("notices", Document.class).stream().map(LicenceProjection::notice).toList());
    }

    private static Document key(LicenceKeyFacts k) {
        if (k == null) {
            return null;
        }
        return new Document("licenceNumber", k.licenceNumber()).append("holder", k.holder())
                .append("product", k.product()).append("licensingUnit", k.licensingUnit())
                .append("unitLimit", k.unitLimit()).append("start", Date.from(k.start()))
                .append("expiry", Date.from(k.expiry())).append("type", k.type().name())
                .append("graceDays", k.graceDays()).append("functionality", k.functionality().name())
                .append("authorityKeyId", k.authorityKeyId()).append("sha256", k.sha256());
    }

    private static LicenceKeyFacts key(Document d) {
        if (d == null) {
            return null;
        }
        return new LicenceKeyFacts(d.getString("licenceNumber"), d.getString("holder"), d.getString("product"),
                d.getString("licensingUnit"), ((Number) d.get("unitLimit")).longValue(),
                d.getDate("start").toInstant(), d.getDate("expiry").toInstant(), LicenceType.valueOf(d.getString("type")),
                d.getInteger("graceDays", 0), FunctionalityLevel.valueOf(d.getString("functionality")),
                d.getString("authorityKeyId"), d.getString("sha256"));
    }

    private static Document notice(LicenceView.Notice n) {
        return new Document("notice", n.notice().name()).append("licenceNumber", n.licenceNumber())
                .append("daysLeft", n.daysLeft()).append("reason", n.reason()).append("at", Date.from(n.at()));
    }

    private static LicenceView.Notice notice(Document d) {
        return new LicenceView.Notice(LicenceNotice.valueOf(d.getString("notice")), d.getString("licenceNumber"),
                d.getInteger("daysLeft"), d.getString("reason"), Objects.requireNonNull(d.getDate("at")).toInstant());
    }
}
