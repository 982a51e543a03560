package io.bulwark.gateway.dkim;

import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.dkim.DkimKeyIds;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Keeps this node's {@link DkimKeyRing} in step with the administrators' keys, without a restart:
 * on {@link DkimKeyCreatedEvent} it opens the sealed key ({@link DkimKeyLoader}) and adds it (being
 * the newest of its domain, it signs from the next transaction on); on {@link DkimKeyDeletedEvent} it
 * drops it (the domain's previous key, if any, signs again).
 *
 * <p>Processing group {@value #PROCESSING_GROUP}, run by a tracking processor of this node alone
 * with an in-memory token, as the certificate activation: the opened keys live in this node's
 * memory, so after a restart the position starts again too. {@link #startingPoint} reads the short
 * key aggregate stream ({@value DkimKeyIds#AGGREGATE_ID}), loads the keys that are not deleted, and
 * lets the processor follow from {@value #REPLAY_WINDOW} events before the head (events seen twice
 * change nothing).
 *
 * <p>A key that cannot be opened is logged and left out; mail of its domain is then signed with the
 * previous key, or not at all. Thread-safe.
 */
@ProcessingGroup(DkimKeyTracker.PROCESSING_GROUP)
public class DkimKeyTracker {
    /** Processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "dkim-signing";
    /** Global-stream events re-read before the head at start-up. */
    static final long REPLAY_WINDOW = 1_000;
    private static final Logger log = LoggerFactory.getLogger(DkimKeyTracker.class);

    private final DkimKeyRing ring;
    private final DkimKeyLoader loader;
    private final Supplier<EventStore> eventStore;

    public DkimKeyTracker(DkimKeyRing ring, DkimKeyLoader loader, Supplier<EventStore> eventStore) {
        this.ring = ring;
        this.loader = loader;
        this.eventStore = eventStore;
    }

    /** The processor of this node. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    /** Loads the keys that exist now, then says where tracking starts. */
    public TrackingToken startingPoint(StreamableMessageSource<TrackedEventMessage<?>> source) {
        TrackingToken head = source.createHeadToken();
        Map<String, DkimKeyCreatedEvent> live = new LinkedHashMap<>();
        DomainEventStream stream = eventStore.get().readEvents(DkimKeyIds.AGGREGATE_ID);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof DkimKeyCreatedEvent created) {
                live.put(created.keyId(), created);
            } else if (payload instanceof DkimKeyDeletedEvent deleted) {
                live.remove(deleted.keyId());
            }
        }
        live.values().forEach(this::on);
        if (head instanceof GapAwareTrackingToken gapAware) {
            long start = gapAware.getIndex() - REPLAY_WINDOW;
            return start < 1 ? null : GapAwareTrackingToken.newInstance(start, List.of());
        }
        return head;
    }

    @EventHandler
    void on(DkimKeyCreatedEvent event) {
        if (ring.contains(event.keyId())) {
            return;
        }
        try {
            ring.put(loader.load(event));
            log.info("DKIM key {} ({}._domainkey.{}) created by {} now signs for {}", event.keyId(), event.selector(),
                    event.domain(), event.actor(), event.domain());
        } catch (GeneralSecurityException | RuntimeException e) {
            log.error("DKIM key {} ({}._domainkey.{}) cannot be opened on this node; its domain is signed with the "
                    + "previous key, if any: {}", event.keyId(), event.selector(), event.domain(), e.toString());
        }
    }

    @EventHandler
    void on(DkimKeyDeletedEvent event) {
        ring.remove(event.keyId());
        log.info("DKIM key {} ({}._domainkey.{}) deleted by {}: no longer signs", event.keyId(), event.selector(),
                event.domain(), event.actor());
    }
}
