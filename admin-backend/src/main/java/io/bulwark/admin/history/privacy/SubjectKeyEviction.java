package io.bulwark.admin.history.privacy;

import io.bulwark.events.history.DataSubjectForgottenEvent;
import io.bulwark.store.privacy.SubjectKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every node drop a forgotten subject's key from its memory (ADR 0038): the node that handles
 * the forget command destroys the key in the store, but every other node's {@link SubjectKeys}
 * would go on opening and sealing with its cached copy until restart. Each node runs this handler
 * in a tracking processor of its own ({@link #processorName}), with an in-memory token starting at
 * the head of the event stream: a cache lives only as long as the process, so only forget events
 * stored since it started matter. Starting at the head also means an old forget event is never
 * applied again after a restart, when the same address may have a new key.
 */
@ProcessingGroup(SubjectKeyEviction.PROCESSING_GROUP)
public class SubjectKeyEviction {
    /** Processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "subject-key-eviction";
    private static final Logger log = LoggerFactory.getLogger(SubjectKeyEviction.class);

    private final SubjectKeys keys;

    public SubjectKeyEviction(SubjectKeys keys) {
        this.keys = keys;
    }

    /** The processor of a node. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    @EventHandler
    void on(DataSubjectForgottenEvent event) {
        boolean held = keys.cached(event.subjectId());
        keys.evict(event.subjectId());
        log.info("subject {} forgotten by {}: key dropped from this node's memory (was cached: {})",
                event.subjectId(), event.actor(), held);
    }
}
