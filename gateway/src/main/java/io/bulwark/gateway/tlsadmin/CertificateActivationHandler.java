package io.bulwark.gateway.tlsadmin;

import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateIds;
import io.bulwark.gateway.tls.ServerTls;
import io.bulwark.gateway.tls.TlsMaterial;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the administrators' active certificate on this node's SMTP listener, without a restart: on
 * {@link CertificateActivatedEvent} it loads the key and chain ({@link ManagedCertificateStore}) and
 * calls {@link ServerTls#install}; the next STARTTLS handshake presents it, sessions already
 * encrypted keep theirs.
 *
 * <p>Processing group {@value #PROCESSING_GROUP}, run by a tracking processor of this node alone,
 * with an in-memory token: the certificate in use lives in this node's memory, so after a restart
 * the position must start again too. {@link #startingPoint} reads the short certificate aggregate
 * stream ({@value CertificateIds#AGGREGATE_ID}), installs the last activation, and lets the
 * processor follow from {@value #REPLAY_WINDOW} events before the head (covering inserts in flight
 * while the head was read; installing the same certificate twice changes nothing).
 *
 * <p>A failure (key not found, master key differs, fingerprint mismatch) keeps the previous
 * certificate and is logged: a broken activation must not take STARTTLS down. Without a listener
 * certificate ({@code bulwark.smtp.tls=off}, no listener) it does nothing. Thread-safe.
 */
@ProcessingGroup(CertificateActivationHandler.PROCESSING_GROUP)
public class CertificateActivationHandler {
    /** Processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "tls-activation";
    /** Global-stream events re-read before the head at start-up. */
    static final long REPLAY_WINDOW = 1_000;
    private static final Logger log = LoggerFactory.getLogger(CertificateActivationHandler.class);

    private final ServerTls tls;
    private final ManagedCertificateStore store;
    private final Supplier<EventStore> eventStore;
    private volatile String installedFingerprint;

    /** @param tls the listener's TLS, or null when this node has none */
    public CertificateActivationHandler(ServerTls tls, ManagedCertificateStore store, Supplier<EventStore> eventStore) {
        this.tls = tls;
        this.store = store;
        this.eventStore = eventStore;
    }

    /** The processor of this node. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    /** Installs the currently active certificate, then says where tracking starts. */
    public TrackingToken startingPoint(StreamableMessageSource<TrackedEventMessage<?>> source) {
        TrackingToken head = source.createHeadToken();
        CertificateActivatedEvent last = null;
        DomainEventStream stream = eventStore.get().readEvents(CertificateIds.AGGREGATE_ID);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof CertificateActivatedEvent activated) {
                last = activated;
            }
        }
        if (last != null) {
            on(last);
        }
        if (head instanceof GapAwareTrackingToken gapAware) {
            long start = gapAware.getIndex() - REPLAY_WINDOW;
            return start < 1 ? null : GapAwareTrackingToken.newInstance(start, List.of());
        }
        return head;
    }

    @EventHandler
    void on(CertificateActivatedEvent event) {
        if (tls == null || event.sha256Fingerprint() != null
                && event.sha256Fingerprint().equalsIgnoreCase(installedFingerprint)) {
            return;
        }
        try {
            TlsMaterial material = store.load(event.keyId(), event.sha256Fingerprint());
            tls.install(material);
            installedFingerprint = event.sha256Fingerprint();
            log.info("certificate {} activated by {} is now presented: {}", event.certificateId(), event.actor(),
                    material.describe());
        } catch (GeneralSecurityException | RuntimeException e) {
            log.error("certificate {} activated by {} could not be installed; keeping the previous one: {}",
                    event.certificateId(), event.actor(), e.toString());
        }
    }

    /** Fingerprint of the managed certificate this node installed last, or null. */
    public String installedFingerprint() {
        return installedFingerprint;
    }
}
