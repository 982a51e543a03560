package io.bulwark.events.scan;

import io.bulwark.events.rule.Action;
import java.util.List;

/**
 * What happened to one group of recipients that share a rule.
 *
 * @param ruleId        the rule that applied
 * @param ruleName      its name at the time (rules can be renamed later)
 * @param recipients    the envelope recipients of the group
 * @param decided       the action the rule chose
 * @param applied       the action actually carried out: differs from {@code decided} only when a
 *                      group's REJECT became DELETE_MESSAGE because other groups accepted the DATA
 * @param subjectTags   tags added to the subject for this group
 * @param backupCopy    whether the original was copied to Backup for this group
 * @param removedParts  MIME part paths replaced by a notice
 * @param reasons       why (module, status, action), for the message tracking view
 * @param verdicts      the module verdicts under this group's rule (empty in revision 1 events)
 */
public record RecipientGroupDecision(String ruleId, String ruleName, List<String> recipients, Action decided,
        Action applied, List<String> subjectTags, boolean backupCopy, List<String> removedParts,
        List<String> reasons, List<ModuleVerdict> verdicts) {

    /** A decision without per-group verdicts (revision 1 shape). */
    public RecipientGroupDecision(String ruleId, String ruleName, List<String> recipients, Action decided,
            Action applied, List<String> subjectTags, boolean backupCopy, List<String> removedParts,
            List<String> reasons) {
        this(ruleId, ruleName, recipients, decided, applied, subjectTags, backupCopy, removedParts, reasons,
                List.of());
    }

    public RecipientGroupDecision {
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        subjectTags = subjectTags == null ? List.of() : List.copyOf(subjectTags);
        removedParts = removedParts == null ? List.of() : List.copyOf(removedParts);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
