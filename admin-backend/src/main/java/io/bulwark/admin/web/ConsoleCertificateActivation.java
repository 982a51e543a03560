package io.bulwark.admin.web;

import io.bulwark.admin.tls.TlsKeyVault;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateIds;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the administrators' active certificate on the console port, without a restart, unless the
 * operator configured a certificate of their own (ADR 0007): on {@link CertificateActivatedEvent}
 * it opens the key from the {@link TlsKeyVault} and hands it with the chain to
 * {@link ConsoleTls#present}. At start-up ({@link #presentActive}) it reads the certificate
 * aggregate's short stream and presents the last activation, so a restart keeps it.
 *
 * <p>Subscribing processing group {@value #PROCESSING_GROUP}: the activation is handled on the node
 * that ran the command, as the console is served there. A failure keeps the certificate presented
 * before and is logged: a broken activation must not take the console down. Thread-safe.
 */
@ProcessingGroup(ConsoleCertificateActivation.PROCESSING_GROUP)
public class ConsoleCertificateActivation {
    /** Processing group (subscribing). */
    public static final String PROCESSING_GROUP = "console-certificate";
    private static final Logger log = LoggerFactory.getLogger(ConsoleCertificateActivation.class);

    private final ConsoleTls console;
    private final TlsKeyVault vault;
    private final Supplier<EventStore> events;
    private volatile String presentedFingerprint;

    public ConsoleCertificateActivation(ConsoleTls console, TlsKeyVault vault, Supplier<EventStore> events) {
        this.console = console;
        this.vault = vault;
        this.events = events;
    }

    /** Presents the certificate activated last, if any (at start-up). */
    public void presentActive() {
        CertificateActivatedEvent last = null;
        DomainEventStream stream = events.get().readEvents(CertificateIds.AGGREGATE_ID);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof CertificateActivatedEvent activated) {
                last = activated;
            }
        }
        if (last != null) {
            on(last);
        }
    }

    @EventHandler
    void on(CertificateActivatedEvent event) {
        if (event.sha256Fingerprint() != null && event.sha256Fingerprint().equalsIgnoreCase(presentedFingerprint)) {
            return;
        }
        try {
            TlsKeyVault.StoredKey key = vault.find(event.keyId())
                    .orElseThrow(() -> new IllegalStateException("no key " + event.keyId() + " in the vault"));
            if (key.chainPem() == null) {
                throw new IllegalStateException("certificate " + event.certificateId() + " has no chain yet");
            }
            if (console.present(key.chainPem(), key.privateKey())) {
                presentedFingerprint = event.sha256Fingerprint();
                log.info("console now presents certificate {} (SHA-256 {}), activated by {}", event.certificateId(),
                        event.sha256Fingerprint(), event.actor());
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            log.error("certificate {} activated by {} could not be presented on the console; keeping the previous one: {}",
                    event.certificateId(), event.actor(), e.toString());
        }
    }

    /** Fingerprint of the managed certificate the console presents, or null (its own or the operator's). */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
