package io.bulwark.gateway.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * What a node keeps on its disk about one message in its Anti-Spam Quarantine, beside the spool
 * entry that holds the message itself ({@link HoldRecords}).
 *
 * @param queueId        the message
 * @param ruleIds        the rules that held it
 * @param ruleNames      their names
 * @param rating         its rating at intake
 * @param statuses       its anti-spam statuses at intake
 * @param heldAt         when it was held
 * @param firstRecheckAt the first re-check's time (the held event says it)
 * @param recheckAt      the next re-check's time
 * @param expiresAt      the end of the maximum hold time
 * @param attempts       re-checks done so far
 * @param sizeBytes      the message's size, for the quarantine's size limit
 * @param prefixLength   length of our Received header at the start of the spooled body
 * @param trusted        whether the client was trusted ({@code mynetworks}): a re-check judges with
 *                       the same envelope facts as the intake
 * @param authenticated  the SMTP AUTH identity, or null
 */
public record HoldRecord(String queueId, List<String> ruleIds, List<String> ruleNames, double rating,
        List<String> statuses, Instant heldAt, Instant firstRecheckAt, Instant recheckAt, Instant expiresAt,
        int attempts, long sizeBytes, int prefixLength, boolean trusted, String authenticated) {

    public HoldRecord {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        ruleNames = ruleNames == null ? List.of() : List.copyOf(ruleNames);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** The same hold after a failed re-check. */
    HoldRecord retriedAt(Instant next) {
        return new HoldRecord(queueId, ruleIds, ruleNames, rating, statuses, heldAt, firstRecheckAt, next, expiresAt,
                attempts + 1, sizeBytes, prefixLength, trusted, authenticated);
    }
}
