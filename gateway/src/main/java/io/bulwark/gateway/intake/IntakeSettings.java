package io.bulwark.gateway.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * The node facts and limits the intake units share. Immutable.
 *
 * @param hostname       our name in the Received header and {@code postmaster@hostname}
 * @param nodeId         this node's name in events and spool entries
 * @param maxMessageSize largest message spooled (552 5.3.4 beyond)
 * @param hopCountLimit  most {@code Received} fields a message may carry (554 5.4.6 beyond: a loop)
 * @param policyWait     how long one DATA waits for a policy that is not loaded yet (then 451)
 * @param clock          time of the Received header, events and outcomes
 * @param judgingMemory  heap that messages being judged may take together (each leases twice its
 *                       size); {@code Long.MAX_VALUE} for no bound
 * @param judgingWait    how long a message waits for that memory (and for a judging slot) before
 *                       DATA is answered 451
 * @param judgingSlots   most messages being judged at once; the others wait in their SMTP session
 *                       ({@code Integer.MAX_VALUE} for no bound)
 */
public record IntakeSettings(String hostname, String nodeId, long maxMessageSize, int hopCountLimit,
        Duration policyWait, Clock clock, long judgingMemory, Duration judgingWait, int judgingSlots) {

    public IntakeSettings {
        if (judgingSlots < 1) {
            throw new IllegalArgumentException("judging slots must be positive: " + judgingSlots);
        }
    }

    /** Settings with a memory bound and no bound on the number of messages judged at once. */
    public IntakeSettings(String hostname, String nodeId, long maxMessageSize, int hopCountLimit, Duration policyWait,
            Clock clock, long judgingMemory, Duration judgingWait) {
        this(hostname, nodeId, maxMessageSize, hopCountLimit, policyWait, clock, judgingMemory, judgingWait,
                Integer.MAX_VALUE);
    }

    /** Settings without a bound on the memory of messages being judged. */
    public IntakeSettings(String hostname, String nodeId, long maxMessageSize, int hopCountLimit, Duration policyWait,
            Clock clock) {
        this(hostname, nodeId, maxMessageSize, hopCountLimit, policyWait, clock, Long.MAX_VALUE, Duration.ZERO,
                Integer.MAX_VALUE);
    }
}
