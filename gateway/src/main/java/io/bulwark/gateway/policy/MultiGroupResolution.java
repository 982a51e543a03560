package io.bulwark.gateway.policy;

import io.bulwark.events.rule.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the per-group dispositions of one message into one SMTP answer. SMTP has one reply to
 * DATA for all recipients, so a message whose groups disagree cannot be "rejected for some":
 * <ul>
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
     */
    public record Resolved(boolean rejectData, List<GroupOutcome> groups) {
        public Resolved {
            groups = List.copyOf(groups);
        }
    }

    /** Resolves groups and their dispositions (same order, same size). */
    public static Resolved resolve(List<RecipientGroup> groups, List<Disposition> dispositions) {
        if (groups.size() != dispositions.size()) {
            throw new IllegalArgumentException("one disposition per group expected");
        }
        boolean allReject = !dispositions.isEmpty()
                && dispositions.stream().allMatch(d -> d.action() == Action.REJECT);
        List<GroupOutcome> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Disposition d = dispositions.get(i);
            Action applied = d.action() == Action.REJECT && !allReject ? Action.DELETE_MESSAGE : d.action();
            out.add(new GroupOutcome(groups.get(i), d, applied));
        }
        return new Resolved(allReject, out);
    }
}
