package io.bulwark.admin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateDeletedEvent;
import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.CertificateImportedEvent;
import io.bulwark.events.tls.CertificateSigningRequestCreatedEvent;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.FindCertificatesQuery;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import io.bulwark.events.tls.TlsKeyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The certificate list behind a real tracking processor, rebuilt from zero: identical documents and answers. */
class CertificatesReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private Configuration axon;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("tls-replay");
        CertificatesProjection projection = new CertificatesProjection(database,
                Clock.fixed(T0.plus(Duration.ofDays(10)), ZoneOffset.UTC));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(CertificatesProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
        client.close();
        server.shutdownNow();
    }

    private static CertificateDetails details(String cn, int daysValid) {
        return new CertificateDetails("CN=" + cn, "CN=CA", List.of(cn), "01", T0, T0.plus(Duration.ofDays(daysValid)),
                "FP-" + cn, "RSA 2048", 2);
    }

    @Test
    void rebuildingFromZeroGivesIdenticalResults() {
        List<Object> events = List.of(
                new SelfSignedCertificateCreatedEvent("c1", "k1", details("a.example", 365), "admin", T0),
                new CertificateSigningRequestCreatedEvent("c2", "k2", "CN=b.example", List.of("b.example"),
                        TlsKeyType.RSA_2048, "admin", T0.plusSeconds(1)),
                new CertificateImportedEvent("c2", "k2", details("b.example", 30), true, "admin", T0.plusSeconds(2)),
                new CertificateImportedEvent("c3", "k3", details("c.example", 90), false, "admin", T0.plusSeconds(3)),
                new CertificateActivatedEvent("c1", "k1", "FP-a.example", null, "admin", T0.plusSeconds(4)),
                new CertificateActivatedEvent("c2", "k2", "FP-b.example", "c1", "admin", T0.plusSeconds(5)),
                new CertificateSigningRequestCreatedEvent("c4", "k4", "CN=d.example", List.of("d.example"),
                        TlsKeyType.EC_P256, "admin", T0.plusSeconds(6)),
                new CertificateDeletedEvent("c3", "k3", "admin", T0.plusSeconds(7)));
        for (int i = 0; i < events.size(); i++) {
            axon.eventStore().publish(new GenericDomainEventMessage<>("TlsCertificates", "tls-certificates", i,
                    events.get(i)));
        }
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(CertificatesProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        awaitCaughtUp(processor, false);
        List<Document> documents = documents();
        List<CertificateView> rows = query();
        assertThat(rows).extracting(CertificateView::certificateId).containsExactly("c2", "c1", "c4");
        assertThat(rows).extracting(CertificateView::status).containsExactly("ACTIVE", "READY", "PENDING");
        assertThat(rows.getFirst().daysLeft()).isEqualTo(20);
        assertThat(rows.getFirst().origin()).isEqualTo("CSR");

        database.getCollection(CertificatesProjection.COLLECTION).insertOne(new Document("_id", "stray"));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(processor, true);
        assertThat(documents()).isEqualTo(documents);
        assertThat(query()).isEqualTo(rows);
    }

    private void awaitCaughtUp(TrackingEventProcessor processor, boolean replay) {
        long head = axon.eventStore().createHeadToken().position().orElseThrow();
        // "Replaying" at the head depends on timing; caught up at the head is what matters (after a
        // reset the position starts empty, so this is never the state from before it).
        await().atMost(Duration.ofSeconds(20)).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(s -> s.isCaughtUp()
                        && s.getCurrentPosition().orElse(-1) >= head));
    }

    private List<Document> documents() {
        return database.getCollection(CertificatesProjection.COLLECTION).find().sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private List<CertificateView> query() {
        return axon.queryGateway().query(new FindCertificatesQuery(),
                ResponseTypes.multipleInstancesOf(CertificateView.class)).join();
    }
}
