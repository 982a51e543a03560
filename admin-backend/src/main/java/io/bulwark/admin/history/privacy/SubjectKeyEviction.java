package io.bulwark.admin.history.privacy;

import io.bulwark.events.history.DataSubjectForgottenEvent;
import io.bulwark.store.privacy.SubjectKeys;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every node drop a forgotten subject's key from its memory (ADR 0038): the node that handles
 * the forget command destroys the key in the store, but every other node's {@link SubjectKeys}
 * would go on opening and sealing with its cached copy until restart. Each node runs this handler
 * in a tracking processor of its own ({@link #processorName}), with an in-memory token: a cache
 * lives only as long as the process, so only forget events stored since it started matter.
 *
 * <p>The token starts at the process's start time less {@link #CLOCK_SKEW} ({@link #initialToken}),
 * not at the head. The head is read by the processor's worker thread when it first runs, which on a
 * busy node can be after this node has cached a key and another node has forgotten it; that forget
 * event would then lie before the head and never be seen (a CI run caught exactly this). Events
 * stored before the process started are harmless to replay: eviction only drops memory. The costs:
 * at start the processor reads the events of those few minutes (the engine finds the start by a
 * binary search, not a scan of the history); and a subject forgotten in them and given a new key
 * afterwards stays marked on this node, its key read from the store instead of the cache until the
 * next restart. A node whose clock runs more than {@link #CLOCK_SKEW} behind the others' could
 * still miss a forget from its first moments.
 */
@ProcessingGroup(SubjectKeyEviction.PROCESSING_GROUP)
public class SubjectKeyEviction {
    /** Processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "subject-key-eviction";
    /** How far before the process's start the processor begins: clocks of nodes disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(SubjectKeyEviction.class);

    private final SubjectKeys keys;

    public SubjectKeyEviction(SubjectKeys keys) {
        this.keys = keys;
    }

    /** The processor of a node. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    /**
     * The processor's first token: just before the first event stored at or after
     * {@code processStart - CLOCK_SKEW}, so not after any event stored since the process started
     * (clocks agreeing within the skew), however late the worker thread asks.
     */
    public static TrackingToken initialToken(StreamableMessageSource<TrackedEventMessage<?>> source,
                                             Instant processStart) {
        return source.createTokenAt(processStart.minus(CLOCK_SKEW));
    }

    /** When this JVM started: no key can have been cached before. */
    public static Instant processStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    @EventHandler
    void on(DataSubjectForgottenEvent event) {
        boolean held = keys.cached(event.subjectId());
        keys.evict(event.subjectId());
        log.info("subject {} forgotten by {}: key dropped from this node's memory (was cached: {})",
                event.subjectId(), event.actor(), held);
    }
}
