package io.bulwark.scan.policy;

import io.bulwark.events.rule.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the per-group dispositions of one message into one SMTP answer. SMTP has one reply to
 * DATA for all recipients, so a message whose groups disagree cannot be "rejected for some":
 * <ul>
 *   <li>any group is deferred (a temporary failure its rule answers with 451): the DATA gets
 *       451 for all, nothing is delivered, and the sending server retries the whole message
 *       (SMTP cannot accept a message for some recipients and defer it for others after DATA);</li>
 *   <li>every group rejects: the DATA gets a 5xx and the sender's server tells the sender;</li>
 *   <li>otherwise the DATA gets 250, and each rejecting group is treated as DELETE_MESSAGE
 *       (dropped without notice). The gateway does <em>not</em> send a DSN for those recipients:
 *       the envelope sender of unwanted mail is usually forged, and a bounce to it would be
 *       backscatter to an innocent third party.</li>
 * </ul>
 * Pure and stateless.
 */
public final class MultiGroupResolution {
    private MultiGroupResolution() {
    }

    /**
     * The resolved outcome.
     *
     * @param rejectData whether DATA gets a 5xx (then nothing is delivered)
     * @param groups     per-group outcome in envelope order
     * @param deferData  whether DATA gets 451 (then nothing is delivered and nothing rejected)
     */
    public record Resolved(boolean rejectData, List<GroupOutcome> groups, boolean deferData) {
        public Resolved {
            groups = List.copyOf(groups);
            if (rejectData && deferData) {
                throw new IllegalArgumentException("DATA cannot be both rejected and deferred");
            }
        }

        /** An outcome without deferral. */
        public Resolved(boolean rejectData, List<GroupOutcome> groups) {
            this(rejectData, groups, false);
        }
    }

    /** Resolves groups and their dispositions (same order, same size). */
    public static Resolved resolve(List<RecipientGroup> groups, List<Disposition> dispositions) {
        if (groups.size() != dispositions.size()) {
            throw new IllegalArgumentException("one disposition per group expected");
        }
        boolean defer = dispositions.stream().anyMatch(Disposition::deferred);
        boolean allReject = !defer && !dispositions.isEmpty()
                && dispositions.stream().allMatch(d -> d.action() == Action.REJECT);
        List<GroupOutcome> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Disposition d = dispositions.get(i);
            Action applied = !defer && d.action() == Action.REJECT && !allReject ? Action.DELETE_MESSAGE : d.action();
            out.add(new GroupOutcome(groups.get(i), d, applied));
        }
        return new Resolved(allReject, out, defer);
    }
}
