package io.bulwark.admin.tls;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateDeletedEvent;
import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.CertificateImportedEvent;
import io.bulwark.events.tls.CertificateSigningRequestCreatedEvent;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.FindCertificatesQuery;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The certificate list: one document per certificate or pending request in {@value #COLLECTION},
 * from the certificate events; answers {@link FindCertificatesQuery} with the days left computed at
 * query time (so "expires in 12 days" is always current), soonest expiry first, pending requests
 * last. Tracking processor {@value #PROCESSING_GROUP}; handlers set values and the reset handler
 * empties the collection, so a replay from zero rebuilds the same documents.
 */
@Component
@ProcessingGroup(CertificatesProjection.PROCESSING_GROUP)
public class CertificatesProjection {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "tls-certificates";
    /** MongoDB collection. */
    public static final String COLLECTION = "tls_certificates";

    private final MongoCollection<Document> certificates;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public CertificatesProjection(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    CertificatesProjection(MongoDatabase database, Clock clock) {
        this.certificates = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    @EventHandler
    void on(SelfSignedCertificateCreatedEvent event) {
        save(new Document("_id", event.certificateId()).append("status", "READY").append("origin", "SELF_SIGNED")
                .append("details", details(event.details())).append("createdAt", Date.from(event.at()))
                .append("createdBy", event.actor()));
    }

    @EventHandler
    void on(CertificateSigningRequestCreatedEvent event) {
        save(new Document("_id", event.certificateId()).append("status", "PENDING").append("origin", "CSR")
                .append("requestedSubject", event.subject()).append("createdAt", Date.from(event.at()))
                .append("createdBy", event.actor()));
    }

    @EventHandler
    void on(CertificateImportedEvent event) {
        Document document = event.forRequest() ? find(event.certificateId()) : null;
        if (document == null) {
            document = new Document("_id", event.certificateId()).append("origin", "IMPORTED")
                    .append("createdAt", Date.from(event.at())).append("createdBy", event.actor());
        }
        document.append("status", "READY").append("details", details(event.details()));
        save(document);
    }

    @EventHandler
    void on(CertificateActivatedEvent event) {
        if (event.previousId() != null) {
            Document previous = find(event.previousId());
            if (previous != null) {
                save(previous.append("status", "READY"));
            }
        }
        Document document = find(event.certificateId());
        if (document != null) {
            save(document.append("status", "ACTIVE").append("activatedAt", Date.from(event.at())));
        }
    }

    @EventHandler
    void on(CertificateDeletedEvent event) {
        certificates.deleteOne(Filters.eq("_id", event.certificateId()));
    }

    @ResetHandler
    void reset() {
        certificates.deleteMany(new Document());
    }

    /** Every certificate, soonest expiry first, pending requests last. */
    @QueryHandler
    public List<CertificateView> find(FindCertificatesQuery query) {
        Instant now = clock.instant();
        List<CertificateView> rows = new ArrayList<>();
        certificates.find().forEach(document -> rows.add(view(document, now)));
        rows.sort(Comparator.comparing((CertificateView v) -> v.details() == null ? Instant.MAX : v.details().notAfter())
                .thenComparing(CertificateView::certificateId));
        return rows;
    }

    private Document find(String certificateId) {
        return certificates.find(Filters.eq("_id", certificateId)).first();
    }

    private void save(Document document) {
        certificates.replaceOne(Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
    }

    private static Document details(CertificateDetails details) {
        return new Document("subject", details.subject()).append("issuer", details.issuer())
                .append("subjectAltNames", details.subjectAltNames()).append("serialNumber", details.serialNumber())
                .append("notBefore", Date.from(details.notBefore())).append("notAfter", Date.from(details.notAfter()))
                .append("sha256Fingerprint", details.sha256Fingerprint())
                .append("keyAlgorithm", details.keyAlgorithm()).append("chainLength", details.chainLength());
    }

    private static CertificateView view(Document document, Instant now) {
        Document d = document.get("details", Document.class);
        CertificateDetails details = d == null ? null : new CertificateDetails(d.getString("subject"),
                d.getString("issuer"), d.getList("subjectAltNames", String.class), d.getString("serialNumber"),
                d.getDate("notBefore").toInstant(), d.getDate("notAfter").toInstant(), d.getString("sha256Fingerprint"),
                d.getString("keyAlgorithm"), d.getInteger("chainLength", 1));
        Date activated = document.getDate("activatedAt");
        return new CertificateView(document.getString("_id"), document.getString("status"),
                document.getString("origin"), details, document.getString("requestedSubject"),
                document.getDate("createdAt").toInstant(), document.getString("createdBy"),
                activated == null ? null : activated.toInstant(),
                details == null ? null : Math.floorDiv(Duration.between(now, details.notAfter()).toSeconds(), 86_400L));
    }
}
