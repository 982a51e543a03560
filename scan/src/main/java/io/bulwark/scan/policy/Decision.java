package io.bulwark.scan.policy;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.message.HeaderField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision: a <em>pure</em> function from a scan report and a rule (plus the global list match)
 * to a {@link Disposition}. No I/O, no clock, no state, so it can be tested exhaustively and
 * replayed over past verdicts to preview a rule change (ARCHITECTURE.md, "Decision").
 *
 * <p>Order of evaluation:
 * <ol>
 *   <li>Global deny list: the deny list's action (REJECT or DELETE_MESSAGE), nothing else.</li>
 *   <li>Rule mode: REJECT / DELETE / SKIP without scanning give that action, no tags or headers.</li>
 *   <li>SCAN: for every module the rule switches on and that has a verdict, the rule's
 *       {@link StatusAction} for the status adds its subject tag, its Backup flag and the
 *       module's status X-header; the strictest action wins (DELETE_MESSAGE &gt; REJECT &gt;
 *       DELETE_ATTACHMENT &gt; SKIP, reference notes A.0). Anti-spam is skipped for allow-listed
 *       senders. DELETE_ATTACHMENT on a verdict that names no part (it cannot happen with the
 *       built-in scanners) becomes DELETE_MESSAGE: a threat that cannot be cut out is not
 *       delivered.</li>
 *   <li>Temporary failure: a verdict marked {@link ModuleVerdict#temporary()} (ERROR from a DNS
 *       timeout, a busy engine) under a module whose rule option {@code temporary-failure} is
 *       {@code defer} (the default) makes the disposition {@link Disposition#deferred()}: the
 *       DATA is answered 451 4.7.0 and the sending server retries. With {@code accept} it is the
 *       ERROR status with its action, like any failure. A deferral never becomes a 5xx; it gives
 *       way only when the other modules already refuse the message (REJECT or DELETE_MESSAGE),
 *       because retrying could not deliver it. Sender authentication is stricter: a verdict that
 *       rests on temporary errors alone (ERROR under {@code accept}, or a violation under
 *       {@code temperror-violation}) keeps its tag and Backup flag, but Reject and Delete message
 *       become the same deferral: a DNS timeout never turns into a permanent refusal of a sender.</li>
 *   <li>Sender authentication's DMARC_FAIL under {@code dmarc-action=apply-policy} reacts as the
 *       From domain's published policy says ({@link DmarcPolicyAction}).</li>
 * </ol>
 */
public final class Decision {
    private Decision() {
    }

    /** The disposition for a sender on neither global list. */
    public static Disposition decide(ScanReport report, RuleEntry rule) {
        return decide(report, rule, ListMatch.NONE);
    }

    /** The disposition of the message for the recipients that {@code rule} applies to. */
    public static Disposition decide(ScanReport report, RuleEntry rule, ListMatch lists) {
        RuleDefinition def = rule.definition();
        if (lists.denyListed()) {
            return fixed(rule, lists.denyAction(), "sender on the " + lists.reason() + " -> " + lists.denyAction());
        }
        switch (def.mode()) {
            case REJECT_WITHOUT_SCANNING:
                return fixed(rule, Action.REJECT, "rule '" + def.name() + "': reject without scanning");
            case DELETE_WITHOUT_NOTIFYING:
                return fixed(rule, Action.DELETE_MESSAGE, "rule '" + def.name() + "': delete without notifying");
            case SKIP_WITHOUT_SCANNING:
                return fixed(rule, Action.SKIP, "rule '" + def.name() + "': skip without scanning");
            case SCAN:
            default:
                break;
        }
        Action action = Action.SKIP;
        Set<String> tags = new LinkedHashSet<>();
        List<HeaderField> headers = new ArrayList<>();
        boolean backup = false;
        Map<String, PartRemoval> removals = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        boolean defer = false;
        for (ProtectionModule module : ProtectionModule.values()) {
            ModuleSettings settings = def.module(module);
            if (!settings.enabled()) {
                continue;
            }
            if (module == ProtectionModule.ANTI_SPAM && lists.allowListed()) {
                headers.add(new HeaderField(module.headerName(), ScanStatus.NOT_SCANNED.name() + " (allow list)"));
                reasons.add(module + " not scanned: sender on the " + lists.reason());
                continue;
            }
            Optional<ModuleVerdict> found = report.verdict(module);
            if (found.isEmpty()) {
                continue;
            }
            ModuleVerdict verdict = found.get();
            if (verdict.temporary() && settings.defersOnTemporaryFailure()) {
                defer = true;
                headers.add(new HeaderField(module.headerName(), verdict.status().name()));
                reasons.add(module + " " + verdict.status() + " (temporary) -> defer with 451"
                        + (verdict.reasons().isEmpty() ? "" : " (" + String.join("; ", verdict.reasons()) + ")"));
                continue;
            }
            headers.add(new HeaderField(module.headerName(), verdict.status().name()));
            String why = String.join("; ", verdict.reasons());
            // Every status the module found has its own reaction (SPF fail and DKIM fail both act,
            // each with its tag); the strictest action wins, tags and Backup accumulate.
            for (ScanStatus status : verdict.statuses()) {
                StatusAction reaction = module == ProtectionModule.SENDER_AUTHENTICATION
                        ? DmarcPolicyAction.reaction(status, verdict, settings) : settings.actionFor(status);
                if (!reaction.subjectTag().isBlank()) {
                    tags.add(reaction.subjectTag().strip());
                }
                backup |= reaction.backupCopy();
                Action a = reaction.action();
                String because = why;
                if (a == Action.DELETE_ATTACHMENT) {
                    if (verdict.partPaths().isEmpty()) {
                        a = Action.DELETE_MESSAGE;
                        because = because + (because.isEmpty() ? "" : "; ") + "no attachment to remove";
                    } else {
                        for (String path : verdict.partPaths()) {
                            removals.putIfAbsent(path, new PartRemoval(path, module + " " + status
                                    + (verdict.reasons().isEmpty() ? "" : ": " + why)));
                        }
                    }
                }
                if (verdict.temporary() && module == ProtectionModule.SENDER_AUTHENTICATION
                        && (a == Action.REJECT || a == Action.DELETE_MESSAGE)) {
                    // a DNS timeout never becomes a permanent refusal of sender authentication (issue 10)
                    defer = true;
                    reasons.add(module + " " + status + " (temporary) -> " + a + " becomes defer with 451"
                            + (because.isEmpty() ? "" : " (" + because + ")"));
                    continue;
                }
                if (a != Action.SKIP || status.finding() || status == ScanStatus.ERROR) {
                    reasons.add(module + " " + status + " -> " + a + (because.isEmpty() ? "" : " (" + because + ")"));
                }
                action = Action.strictest(action, a);
            }
        }
        List<PartRemoval> parts = action == Action.DELETE_ATTACHMENT ? List.copyOf(removals.values()) : List.of();
        boolean deferred = defer && action != Action.REJECT && action != Action.DELETE_MESSAGE;
        return new Disposition(rule.ruleId(), def.name(), action, List.copyOf(tags), headers, backup, parts, reasons,
                deferred);
    }

    private static Disposition fixed(RuleEntry rule, Action action, String reason) {
        return new Disposition(rule.ruleId(), rule.name(), action, List.of(), List.of(), false, List.of(),
                List.of(reason));
    }
}
