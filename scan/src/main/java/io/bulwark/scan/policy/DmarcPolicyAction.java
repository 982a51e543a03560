package io.bulwark.scan.policy;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;

/**
 * "Apply the domain's DMARC policy" (reference A.7), the factory choice for a DMARC violation:
 * the reaction follows the policy the From domain published, as the DMARC check reports it after
 * pct sampling (symbols {@code DMARC_POLICY_REJECT}, {@code DMARC_POLICY_QUARANTINE},
 * {@code DMARC_POLICY_NONE}). Pure.
 *
 * <ul>
 *   <li>p=reject: Reject (550 5.7.1 at DATA), with the rule's Backup flag for DMARC_FAIL;</li>
 *   <li>p=quarantine: delivered with the rule's DMARC_FAIL subject tag ("[DMARC fail]" by default)
 *       and a Backup copy. The gateway has no per-rule quarantine action (reference A.0: long-term
 *       storage of intercepted mail is Backup), so "quarantine" is what RFC 7489 6.3 describes as
 *       "treat as suspicious": marked for the mailbox's junk filter and kept in Backup where an
 *       administrator can release it;</li>
 *   <li>p=none: Skip with no tag: the owner asked only for reports (the status stays in the
 *       report and the X-header).</li>
 * </ul>
 * With the option {@code dmarc-action=rule}, or when the check named no policy, the rule's own
 * reaction for DMARC_FAIL applies.
 */
final class DmarcPolicyAction {
    static final String REJECT = "DMARC_POLICY_REJECT";
    static final String QUARANTINE = "DMARC_POLICY_QUARANTINE";
    static final String NONE = "DMARC_POLICY_NONE";

    private DmarcPolicyAction() {
    }

    /** The reaction to {@code status} of a sender authentication verdict under the rule section. */
    static StatusAction reaction(ScanStatus status, ModuleVerdict verdict, ModuleSettings settings) {
        StatusAction configured = settings.actionFor(status);
        if (status != ScanStatus.DMARC_FAIL || !"apply-policy".equalsIgnoreCase(settings.option(ModuleOption.DMARC_ACTION))) {
            return configured;
        }
        for (ScanSymbol s : verdict.symbols()) {
            switch (s.name()) {
                case REJECT:
                    return new StatusAction(Action.REJECT, configured.backupCopy(), configured.subjectTag());
                case QUARANTINE:
                    return new StatusAction(Action.SKIP, true, configured.subjectTag());
                case NONE:
                    return new StatusAction(Action.SKIP, configured.backupCopy(), "");
                default:
                    break;
            }
        }
        return configured;
    }
}
