package io.bulwark.gateway.spool;

import io.bulwark.events.message.DeliveryTls;
import java.time.Instant;

/**
 * What the spool remembers about one envelope recipient between attempts and across restarts.
 * Final states carry everything needed to rebuild their events with the same identifiers, so the
 * events can be re-appended after a crash without duplicates.
 *
 * @param address    the recipient as given in RCPT TO
 * @param status     the delivery state
 * @param nextHop    the last next hop tried ({@code host[ip]:port}), or null before any attempt
 * @param reply      the last reply or failure description, or null before any attempt
 * @param attempt    the attempt that produced {@code reply}, 0 before any attempt
 * @param at         when {@code reply} was obtained, or null before any attempt
 * @param dsnQueueId queue id of the DSN sent for this recipient's bounce, or null
 * @param tls        transport security of the connection that produced {@code reply}, or null
 *                   (no SMTP session, or written before it was recorded)
 */
public record RecipientState(
        String address,
        RecipientStatus status,
        String nextHop,
        String reply,
        int attempt,
        Instant at,
        String dsnQueueId,
        DeliveryTls tls) {

    /** A recipient that has not been tried yet. */
    public static RecipientState pending(String address) {
        return new RecipientState(address, RecipientStatus.PENDING, null, null, 0, null, null, null);
    }

    /** The result of an attempt. */
    public RecipientState withOutcome(RecipientStatus newStatus, String hop, String newReply, int newAttempt,
            Instant when) {
        return withOutcome(newStatus, hop, newReply, newAttempt, when, null);
    }

    /** The result of an attempt over a connection with the given transport security. */
    public RecipientState withOutcome(RecipientStatus newStatus, String hop, String newReply, int newAttempt,
            Instant when, DeliveryTls newTls) {
        return new RecipientState(address, newStatus, hop, newReply, newAttempt, when, dsnQueueId, newTls);
    }

    /** Records the DSN that reports this recipient's bounce. */
    public RecipientState withDsn(String queueId) {
        return new RecipientState(address, status, nextHop, reply, attempt, at, queueId, tls);
    }
}
