package io.bulwark.admin.tls;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The SMTP listener's certificates, as <em>one</em> event-sourced aggregate (identifier
 * {@value io.bulwark.events.tls.CertificateIds#AGGREGATE_ID}).
 *
 * <p>One aggregate rather than one per certificate because the invariants that matter span them:
 * exactly one certificate is active; the active one cannot be deleted; a CA answer completes a
 * request that exists and is still pending. And a gateway node finds the active certificate at
 * start-up by reading this one short stream (certificates are few and change rarely), instead of
 * scanning the global stream. Commands carry only ids and public facts: the keys were stored,
 * encrypted, by {@link CertificateAdministration} before the command was sent.
 *
 * <p>Command handlers validate, then apply; event-sourcing handlers only assign. Every command uses
 * {@code CREATE_IF_MISSING}, so the first certificate creates the aggregate. Times come from Axon's
 * event clock. Confined to one unit of work at a time by the repository's locking.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class TlsCertificates {
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");

    @AggregateIdentifier
    private String id;
    private final Map<String, Entry> certificates = new HashMap<>();
    private String active;

    /** What the aggregate remembers of a certificate: enough to enforce the invariants. */
    private record Entry(String keyId, boolean pending, Instant notAfter, String fingerprint) {
    }

    /** For Axon: instances are rebuilt from events. */
    protected TlsCertificates() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateSelfSignedCertificateCommand command) {
        requireActor(command.actor());
        requireNewId(command.certificateId());
        requireKeyId(command.keyId());
        requireDetails(command.details());
        apply(new SelfSignedCertificateCreatedEvent(command.certificateId(), command.keyId(), command.details(),
                command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateCertificateSigningRequestCommand command) {
        requireActor(command.actor());
        requireNewId(command.certificateId());
        requireKeyId(command.keyId());
        if (command.subject() == null || command.subject().isBlank()) {
            throw new InvalidCertificateCommandException("A subject is required");
        }
        if (command.keyType() == null) {
            throw new InvalidCertificateCommandException("A key type is required");
        }
        apply(new CertificateSigningRequestCreatedEvent(command.certificateId(), command.keyId(), command.subject(),
                command.subjectAltNames(), command.keyType(), command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ImportCertificateCommand command) {
        requireActor(command.actor());
        requireKeyId(command.keyId());
        requireDetails(command.details());
        if (command.forRequest()) {
            Entry pending = existing(command.certificateId());
            if (!pending.pending()) {
                throw new CertificateConflictException("Certificate '" + command.certificateId()
                        + "' is not waiting for a CA's answer");
            }
            if (!pending.keyId().equals(command.keyId())) {
                throw new InvalidCertificateCommandException("The certificate must use the request's key");
            }
        } else {
            requireNewId(command.certificateId());
        }
        apply(new CertificateImportedEvent(command.certificateId(), command.keyId(), command.details(),
                command.forRequest(), command.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ActivateCertificateCommand command) {
        requireActor(command.actor());
        Entry entry = existing(command.certificateId());
        if (entry.pending()) {
            throw new CertificateConflictException("Certificate '" + command.certificateId()
                    + "' is a pending request: import the CA's certificate first");
        }
        Instant now = now();
        if (!entry.notAfter().isAfter(now)) {
            throw new CertificateConflictException("Certificate '" + command.certificateId() + "' expired on "
                    + entry.notAfter());
        }
        if (command.certificateId().equals(active)) {
            return; // already presented: nothing to record
        }
        apply(new CertificateActivatedEvent(command.certificateId(), entry.keyId(), entry.fingerprint(), active,
                command.actor(), now));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteCertificateCommand command) {
        requireActor(command.actor());
        Entry entry = existing(command.certificateId());
        if (command.certificateId().equals(active)) {
            throw new CertificateConflictException("Certificate '" + command.certificateId()
                    + "' is in use: activate another one first");
        }
        apply(new CertificateDeletedEvent(command.certificateId(), entry.keyId(), command.actor(), now()));
    }

    @EventSourcingHandler
    void on(SelfSignedCertificateCreatedEvent event) {
        id = io.bulwark.events.tls.CertificateIds.AGGREGATE_ID;
        certificates.put(event.certificateId(), new Entry(event.keyId(), false, event.details().notAfter(),
                event.details().sha256Fingerprint()));
    }

    @EventSourcingHandler
    void on(CertificateSigningRequestCreatedEvent event) {
        id = io.bulwark.events.tls.CertificateIds.AGGREGATE_ID;
        certificates.put(event.certificateId(), new Entry(event.keyId(), true, null, null));
    }

    @EventSourcingHandler
    void on(CertificateImportedEvent event) {
        id = io.bulwark.events.tls.CertificateIds.AGGREGATE_ID;
        certificates.put(event.certificateId(), new Entry(event.keyId(), false, event.details().notAfter(),
                event.details().sha256Fingerprint()));
    }

    @EventSourcingHandler
    void on(CertificateActivatedEvent event) {
        active = event.certificateId();
    }

    @EventSourcingHandler
    void on(CertificateDeletedEvent event) {
        certificates.remove(event.certificateId());
    }

    private Entry existing(String certificateId) {
        Entry entry = certificateId == null ? null : certificates.get(certificateId);
        if (entry == null) {
            throw new UnknownCertificateException(certificateId);
        }
        return entry;
    }

    private void requireNewId(String certificateId) {
        if (certificateId == null || !ID.matcher(certificateId).matches()) {
            throw new InvalidCertificateCommandException("A certificate id is 1-64 letters, digits, '-' or '_'");
        }
        if (certificates.containsKey(certificateId)) {
            throw new CertificateConflictException("Certificate '" + certificateId + "' exists already");
        }
    }

    private static void requireKeyId(String keyId) {
        if (keyId == null || !ID.matcher(keyId).matches()) {
            throw new InvalidCertificateCommandException("A key id is required");
        }
    }

    private static void requireDetails(CertificateDetails details) {
        if (details == null || details.notAfter() == null || details.notBefore() == null
                || details.sha256Fingerprint() == null || details.subject() == null) {
            throw new InvalidCertificateCommandException("The certificate's details are required");
        }
        if (!details.notAfter().isAfter(details.notBefore())) {
            throw new InvalidCertificateCommandException("The certificate's validity ends before it starts");
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidCertificateCommandException("The actor is required");
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
