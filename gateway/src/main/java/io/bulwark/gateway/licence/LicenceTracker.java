package io.bulwark.gateway.licence;

import io.bulwark.events.licence.LicenceIds;
import io.bulwark.events.licence.LicenceKeyBlockedEvent;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceKeyUnblockedEvent;
import io.bulwark.scan.licence.LicenceRegister;
import io.bulwark.scan.licence.LicenceStatus;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link NodeLicence} in step with the licence aggregate, without a restart, as
 * {@code DkimKeyTracker} does for DKIM keys: processing group {@value #PROCESSING_GROUP}, a tracking
 * processor of this node alone with an in-memory token. {@link #startingPoint} takes the head,
 * reads the short licence stream ({@value LicenceIds#AGGREGATE_ID}) into the register and lets the
 * processor follow from {@value #REPLAY_WINDOW} events before the head; events of the stream it has
 * already read (by their sequence number) are skipped, so the register never steps back.
 *
 * <p>Logs each change with what it means for this node. Thread-safe.
 */
@ProcessingGroup(LicenceTracker.PROCESSING_GROUP)
public class LicenceTracker {
    /** Processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "licence-gate";
    /** Global-stream events re-read before the head at start-up. */
    static final long REPLAY_WINDOW = 1_000;
    private static final Logger log = LoggerFactory.getLogger(LicenceTracker.class);

    private final NodeLicence licence;
    private final Supplier<EventStore> eventStore;
    private volatile long loadedSequence = -1;

    public LicenceTracker(NodeLicence licence, Supplier<EventStore> eventStore) {
        this.licence = licence;
        this.eventStore = eventStore;
    }

    /** The processor of this node. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    /** Loads the licence as it stands, then says where tracking starts. */
    public TrackingToken startingPoint(StreamableMessageSource<TrackedEventMessage<?>> source) {
        TrackingToken head = source.createHeadToken();
        LicenceRegister register = LicenceRegister.EMPTY;
        long sequence = -1;
        DomainEventStream stream = eventStore.get().readEvents(LicenceIds.AGGREGATE_ID);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            register = register.apply(event.getPayload());
            sequence = event.getSequenceNumber();
        }
        licence.load(register);
        loadedSequence = sequence;
        LicenceStatus status = licence.status();
        log.info("Licence on this node: {} ({}); scanning {}, database updates {}", status.mode(), status.message(),
                status.scanningAllowed() ? "on" : "off", status.updatesAllowed() ? "on" : "off");
        if (head instanceof GapAwareTrackingToken gapAware) {
            long start = gapAware.getIndex() - REPLAY_WINDOW;
            return start < 1 ? null : GapAwareTrackingToken.newInstance(start, List.of());
        }
        return head;
    }

    @EventHandler
    void on(LicenceKeyInstalledEvent event, EventMessage<?> message) {
        apply(event, message);
    }

    @EventHandler
    void on(LicenceKeyRemovedEvent event, EventMessage<?> message) {
        apply(event, message);
    }

    @EventHandler
    void on(LicenceKeyPromotedEvent event, EventMessage<?> message) {
        apply(event, message);
    }

    @EventHandler
    void on(LicenceKeyBlockedEvent event, EventMessage<?> message) {
        apply(event, message);
    }

    @EventHandler
    void on(LicenceKeyUnblockedEvent event, EventMessage<?> message) {
        apply(event, message);
    }

    private void apply(Object event, EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain && domain.getSequenceNumber() <= loadedSequence) {
            return;
        }
        licence.apply(event);
        LicenceStatus status = licence.status();
        log.info("Licence changed ({}): {} ({}); scanning {}, database updates {}",
                event.getClass().getSimpleName(), status.mode(), status.message(),
                status.scanningAllowed() ? "on" : "off", status.updatesAllowed() ? "on" : "off");
    }
}
