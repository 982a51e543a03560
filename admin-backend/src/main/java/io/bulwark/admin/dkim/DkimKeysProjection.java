package io.bulwark.admin.dkim;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.dkim.DkimKeyIds;
import io.bulwark.events.dkim.DkimKeyView;
import io.bulwark.events.dkim.FindDkimKeysQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The DKIM key list: one document per key in {@value #COLLECTION}, from the key events; answers
 * {@link FindDkimKeysQuery} by domain, newest first, with {@code active} computed at query time by
 * the rotation rule ({@link DkimKeyIds#newerThan}: the newest key of each domain), the same rule
 * the gateway applies. Tracking processor {@value #PROCESSING_GROUP}; handlers set values and the
 * reset handler empties the collection, so a replay from zero rebuilds the same documents.
 */
@Component
@ProcessingGroup(DkimKeysProjection.PROCESSING_GROUP)
public class DkimKeysProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "dkim-keys";
    /** MongoDB collection. */
    public static final String COLLECTION = "dkim_key_list";

    private final MongoCollection<Document> keys;

    public DkimKeysProjection(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(DkimKeyCreatedEvent event) {
        keys.replaceOne(Filters.eq("_id", event.keyId()), new Document("_id", event.keyId())
                .append("domain", event.domain()).append("selector", event.selector())
                .append("algorithm", event.algorithm()).append("origin", event.origin())
                .append("dnsRecord", event.dnsRecord()).append("signedHeaders", event.signedHeaders())
                .append("canonicalization", event.canonicalization())
                .append("signatureValidityDays", event.signatureValidityDays())
                .append("createdAt", Date.from(event.at())).append("createdBy", event.actor()),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(DkimKeyDeletedEvent event) {
        keys.deleteOne(Filters.eq("_id", event.keyId()));
    }

    @ResetHandler
    void reset() {
        keys.deleteMany(new Document());
    }

    /** Every key, by domain, newest first within a domain. */
    @QueryHandler
    public List<DkimKeyView> find(FindDkimKeysQuery query) {
        List<Document> documents = new ArrayList<>();
        keys.find().forEach(documents::add);
        Map<String, Document> newest = new HashMap<>();
        for (Document document : documents) {
            newest.merge(document.getString("domain"), document, (a, b) -> newer(b, a) ? b : a);
        }
        List<DkimKeyView> rows = new ArrayList<>();
        for (Document d : documents) {
            String selector = d.getString("selector");
            String domain = d.getString("domain");
            rows.add(new DkimKeyView(d.getString("_id"), domain, selector, d.getString("algorithm"),
                    d.getString("origin"), DkimKeyView.dnsName(selector, domain), d.getString("dnsRecord"),
                    d.getList("signedHeaders", String.class), d.getString("canonicalization"),
                    d.getInteger("signatureValidityDays"), d.getDate("createdAt").toInstant(), d.getString("createdBy"),
                    newest.get(domain) == d));
        }
        rows.sort(Comparator.comparing(DkimKeyView::domain).thenComparing(DkimKeyView::createdAt,
                Comparator.reverseOrder()).thenComparing(DkimKeyView::id, Comparator.reverseOrder()));
        return rows;
    }

    private static boolean newer(Document a, Document b) {
        return DkimKeyIds.newerThan(a.getDate("createdAt").toInstant(), a.getString("_id"),
                b.getDate("createdAt").toInstant(), b.getString("_id"));
    }
}
