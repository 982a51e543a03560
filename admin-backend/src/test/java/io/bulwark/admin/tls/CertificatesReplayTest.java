package io.bulwark.admin.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
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
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The certificate list behind a real tracking processor, rebuilt from zero: identical documents and answers. */
class CertificatesReplayTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static final String GROUP = CertificatesProjection.PROCESSING_GROUP;

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("tls-replay", database -> Map.of(GROUP, new CertificatesProjection(database,
                Clock.fixed(T0.plus(Duration.ofDays(10)), ZoneOffset.UTC))));
    }

    @AfterEach
    void tearDown() {
        replay.close();
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
            replay.axon().eventStore().publish(new GenericDomainEventMessage<>("TlsCertificates", "tls-certificates", i,
                    events.get(i)));
        }
        replay.awaitCaughtUp(GROUP);
        List<Document> documents = replay.documents(CertificatesProjection.COLLECTION);
        List<CertificateView> rows = query();
        assertThat(rows).extracting(CertificateView::certificateId).containsExactly("c2", "c1", "c4");
        assertThat(rows).extracting(CertificateView::status).containsExactly("ACTIVE", "READY", "PENDING");
        assertThat(rows.getFirst().daysLeft()).isEqualTo(20);
        assertThat(rows.getFirst().origin()).isEqualTo("CSR");

        replay.rebuild(List.of(GROUP), List.of(CertificatesProjection.COLLECTION));
        assertThat(replay.documents(CertificatesProjection.COLLECTION)).isEqualTo(documents);
        assertThat(query()).isEqualTo(rows);
    }

    private List<CertificateView> query() {
        return replay.axon().queryGateway().query(new FindCertificatesQuery(),
                ResponseTypes.multipleInstancesOf(CertificateView.class)).join();
    }
}
