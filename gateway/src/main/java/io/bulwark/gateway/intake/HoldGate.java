package io.bulwark.gateway.intake;

import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.scan.message.Envelope;
import java.io.IOException;

/**
 * Where the intake asks, just before committing an accepted message, whether the message is to be
 * held instead of delivered at once (the Anti-Spam Quarantine, {@code io.bulwark.gateway.quarantine}).
 * An interface here so that intake does not depend on the quarantine, which depends on intake's
 * {@link Rejudging}.
 *
 * <p>Implementations are thread-safe: every session calls them.
 */
public interface HoldGate {

    /** The gate of a node without a quarantine: nothing is held. */
    HoldGate NONE = (metadata, result, envelope, prefixLength) -> Hold.NONE;

    /**
     * Decides and, when the message is held, makes the hold durable and keeps the delivery
     * scheduler from attempting it, before returning. The caller then commits the spool entry and
     * calls {@link Hold#committed()}, or {@link Hold#abandoned()} when the commit failed.
     *
     * @param metadata     the entry about to be committed
     * @param result       the scan and decision it was accepted with
     * @param envelope     the envelope it was judged with (a re-check judges with the same facts)
     * @param prefixLength length of our Received header at the start of the spooled body
     * @throws IOException when a hold could not be made durable (the caller answers 451)
     */
    Hold beforeCommit(SpoolMetadata metadata, DataPhaseResult result, Envelope envelope, int prefixLength)
            throws IOException;

    /** The gate's answer for one message. */
    interface Hold {
        /** Not held. */
        Hold NONE = new Hold() {
            @Override
            public void committed() {
            }

            @Override
            public void abandoned() {
            }
        };

        /** The entry is committed: record what the gate decided. */
        void committed();

        /** The commit failed: undo the hold. */
        void abandoned();
    }
}
