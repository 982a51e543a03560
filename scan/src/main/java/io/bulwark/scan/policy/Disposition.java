package io.bulwark.scan.policy;

import io.bulwark.events.rule.Action;
import io.bulwark.scan.message.HeaderField;
import java.util.List;

/**
 * What to do with a message for one group of recipients: the result of the pure
 * {@link Decision#decide} function.
 *
 * @param ruleId        the rule that applied
 * @param ruleName      its name
 * @param action        the strictest action of all statuses (or the rule mode's, or the deny list's)
 * @param subjectTags   tags to put in front of the subject, in module order, without duplicates
 * @param headers       X-headers to add (one status header per module that ran)
 * @param backupCopy    whether the original goes to Backup
 * @param partsToRemove parts to replace with the notice; only when {@code action} is DELETE_ATTACHMENT
 * @param reasons       why, one line per module that fired, for tracking and the audit trail
 * @param deferred      whether a module's temporary failure asks for 451 4.7.0 under this rule
 *                      ({@code temporary-failure: defer}): the message is not accepted now, the
 *                      sending server retries; {@code action} is what the other modules asked for
 */
public record Disposition(String ruleId, String ruleName, Action action, List<String> subjectTags,
        List<HeaderField> headers, boolean backupCopy, List<PartRemoval> partsToRemove, List<String> reasons,
        boolean deferred) {

    public Disposition {
        subjectTags = List.copyOf(subjectTags);
        headers = List.copyOf(headers);
        partsToRemove = List.copyOf(partsToRemove);
        reasons = List.copyOf(reasons);
    }

    /** A disposition that is not deferred. */
    public Disposition(String ruleId, String ruleName, Action action, List<String> subjectTags,
            List<HeaderField> headers, boolean backupCopy, List<PartRemoval> partsToRemove, List<String> reasons) {
        this(ruleId, ruleName, action, subjectTags, headers, backupCopy, partsToRemove, reasons, false);
    }

    /** Whether the message is delivered (possibly changed) to this group. */
    public boolean delivers() {
        return action == Action.SKIP || action == Action.DELETE_ATTACHMENT;
    }
}
