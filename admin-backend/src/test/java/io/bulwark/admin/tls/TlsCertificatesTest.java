package io.bulwark.admin.tls;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.tls.ActivateCertificateCommand;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateDeletedEvent;
import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.CertificateImportedEvent;
import io.bulwark.events.tls.CertificateSigningRequestCreatedEvent;
import io.bulwark.events.tls.CreateCertificateSigningRequestCommand;
import io.bulwark.events.tls.CreateSelfSignedCertificateCommand;
import io.bulwark.events.tls.DeleteCertificateCommand;
import io.bulwark.events.tls.ImportCertificateCommand;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import io.bulwark.events.tls.TlsKeyType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given-when-then for every certificate command, refusals included. */
class TlsCertificatesTest {
    private static final String ADMIN = "admin";

    private AggregateTestFixture<TlsCertificates> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TlsCertificates.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    private CertificateDetails details(String fingerprint, Instant notAfter) {
        return new CertificateDetails("CN=mx.example.com", "CN=mx.example.com", List.of("mx.example.com"), "0a",
                notAfter.minus(Duration.ofDays(365)), notAfter, fingerprint, "RSA 2048", 1);
    }

    private CertificateDetails valid(String fingerprint) {
        return details(fingerprint, fixture.currentTime().plus(Duration.ofDays(90)));
    }

    private SelfSignedCertificateCreatedEvent created(String id) {
        return new SelfSignedCertificateCreatedEvent(id, "k-" + id, valid("FP-" + id), ADMIN, fixture.currentTime());
    }

    private CertificateActivatedEvent activated(String id, String previous) {
        return new CertificateActivatedEvent(id, "k-" + id, "FP-" + id, previous, ADMIN, fixture.currentTime());
    }

    private CertificateSigningRequestCreatedEvent requested(String id) {
        return new CertificateSigningRequestCreatedEvent(id, "k-" + id, "CN=mx.example.com", List.of("mx.example.com"),
                TlsKeyType.EC_P256, ADMIN, fixture.currentTime());
    }

    @Test
    void createsASelfSignedCertificate() {
        fixture.givenNoPriorActivity()
                .when(new CreateSelfSignedCertificateCommand("c1", "k-c1", valid("FP-c1"), ADMIN))
                .expectEvents(created("c1"));
    }

    @Test
    void refusesADuplicateIdMissingDetailsAndAMissingActor() {
        fixture.given(created("c1"))
                .when(new CreateSelfSignedCertificateCommand("c1", "k-x", valid("FP-x"), ADMIN))
                .expectException(CertificateConflictException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateSelfSignedCertificateCommand("c1", "k-c1", null, ADMIN))
                .expectException(InvalidCertificateCommandException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateSelfSignedCertificateCommand("c1", "k-c1", valid("FP"), " "))
                .expectException(InvalidCertificateCommandException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateSelfSignedCertificateCommand("../c1", "k-c1", valid("FP"), ADMIN))
                .expectException(InvalidCertificateCommandException.class);
    }

    @Test
    void createsARequestAndCompletesItWithTheCasCertificate() {
        fixture.givenNoPriorActivity()
                .when(new CreateCertificateSigningRequestCommand("c2", "k-c2", "CN=mx.example.com",
                        List.of("mx.example.com"), TlsKeyType.EC_P256, ADMIN))
                .expectEvents(requested("c2"));
        fixture.given(requested("c2"))
                .when(new ImportCertificateCommand("c2", "k-c2", valid("FP-c2"), true, ADMIN))
                .expectEvents(new CertificateImportedEvent("c2", "k-c2", valid("FP-c2"), true, ADMIN,
                        fixture.currentTime()));
    }

    @Test
    void refusesAnAnswerForNoRequestForAnotherKeyOrTwice() {
        fixture.givenNoPriorActivity()
                .when(new ImportCertificateCommand("c2", "k-c2", valid("FP"), true, ADMIN))
                .expectException(UnknownCertificateException.class);
        fixture.given(requested("c2"))
                .when(new ImportCertificateCommand("c2", "k-other", valid("FP"), true, ADMIN))
                .expectException(InvalidCertificateCommandException.class);
        fixture.given(requested("c2"), new CertificateImportedEvent("c2", "k-c2", valid("FP-c2"), true, ADMIN,
                        fixture.currentTime()))
                .when(new ImportCertificateCommand("c2", "k-c2", valid("FP"), true, ADMIN))
                .expectException(CertificateConflictException.class);
    }

    @Test
    void importsANewCertificateWithItsKey() {
        fixture.givenNoPriorActivity()
                .when(new ImportCertificateCommand("c3", "k-c3", valid("FP-c3"), false, ADMIN))
                .expectEvents(new CertificateImportedEvent("c3", "k-c3", valid("FP-c3"), false, ADMIN,
                        fixture.currentTime()));
    }

    @Test
    void activatesACertificateNamingThePreviousOne() {
        fixture.given(created("c1"), created("c2"), activated("c1", null))
                .when(new ActivateCertificateCommand("c2", ADMIN))
                .expectEvents(activated("c2", "c1"));
    }

    @Test
    void activatingTheActiveOneRecordsNothing() {
        fixture.given(created("c1"), activated("c1", null))
                .when(new ActivateCertificateCommand("c1", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToActivateAnUnknownPendingOrExpiredCertificate() {
        fixture.givenNoPriorActivity()
                .when(new ActivateCertificateCommand("nope", ADMIN))
                .expectException(UnknownCertificateException.class);
        fixture.given(requested("c2"))
                .when(new ActivateCertificateCommand("c2", ADMIN))
                .expectException(CertificateConflictException.class);
        fixture.given(new SelfSignedCertificateCreatedEvent("old", "k-old",
                        details("FP-old", fixture.currentTime().minus(Duration.ofDays(1))), ADMIN, fixture.currentTime()))
                .when(new ActivateCertificateCommand("old", ADMIN))
                .expectException(CertificateConflictException.class);
    }

    @Test
    void deletesACertificateThatIsNotInUse() {
        fixture.given(created("c1"), created("c2"), activated("c1", null))
                .when(new DeleteCertificateCommand("c2", ADMIN))
                .expectEvents(new CertificateDeletedEvent("c2", "k-c2", ADMIN, fixture.currentTime()));
    }

    @Test
    void refusesToDeleteTheActiveOrAnUnknownCertificate() {
        fixture.given(created("c1"), activated("c1", null))
                .when(new DeleteCertificateCommand("c1", ADMIN))
                .expectException(CertificateConflictException.class);
        fixture.given(created("c1"), new CertificateDeletedEvent("c1", "k-c1", ADMIN, fixture.currentTime()))
                .when(new DeleteCertificateCommand("c1", ADMIN))
                .expectException(UnknownCertificateException.class);
    }
}
