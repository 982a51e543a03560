package io.bulwark.gateway.antispam;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * This node's Bayes token statistics as a projection of the training events (ADR 0017): every
 * {@link MessageTrainedEvent} and {@link MessageUntrainedEvent} of the store, in global order, folded
 * into the {@link InMemoryTokenStore} that the node's {@code BayesCheck} reads.
 *
 * <p>Processing group {@value #PROCESSING_GROUP}; each node runs its own processor
 * ({@link #processorName}) with an in-memory tracking token starting at the tail, as the policy and
 * the DKIM key ring do: the statistics live in this node's memory, so after a restart the position
 * starts from zero too, and a token shared through MongoDB would let one node claim the stream and
 * leave the others untrained. The store's fold is idempotent per mark, so events seen twice change
 * nothing.
 *
 * <p>Called by the processor's single thread; the store is safe to read meanwhile.
 */
@ProcessingGroup(BayesTokensProjection.PROCESSING_GROUP)
public class BayesTokensProjection {
    /** Processing group; its processor is per node. */
    public static final String PROCESSING_GROUP = "bayes-tokens";

    private final InMemoryTokenStore store;

    public BayesTokensProjection(InMemoryTokenStore store) {
        this.store = store;
    }

    /** The processor of this node. */
    public static String processorName(String nodeId) {
        return PROCESSING_GROUP + "@" + nodeId;
    }

    @EventHandler
    void on(MessageTrainedEvent event) {
        store.on(event);
    }

    @EventHandler
    void on(MessageUntrainedEvent event) {
        store.on(event);
    }

    /** A reset replays from the tail: the statistics start from nothing. */
    @ResetHandler
    void reset() {
        store.clear();
    }
}
