package io.bulwark.gateway.policy;

import io.bulwark.scan.inventory.MessageInventory;
import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.ListMatch;
import io.bulwark.scan.policy.PartRemoval;
import io.bulwark.scan.policy.GroupOutcome;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the SMTP DATA handler needs after scanning and deciding: whether to answer 5xx, and for
 * each recipient group the outcome and, when it is delivered, the message bytes to deliver.
 *
 * @param rejectData   whether to refuse the DATA with {@code reply}: a 5xx when every group
 *                     rejected, or 451 when {@code deferred}
 * @param reply        the SMTP reply to send when {@code rejectData}
 * @param report       the scan report (verdicts under the first group's rule, every check's outcome)
 * @param groups       per-group outcomes, envelope order
 * @param deliveries   per-group bytes to deliver, same index as {@code groups}; null where the
 *                     group gets nothing
 * @param lists        the global list match of the sender
 * @param deferred     whether the refusal is a 451 for a temporary failure (the message is neither
 *                     accepted nor rejected; the sending server retries)
 * @param groupReports per-group report (verdicts under that group's rule), same index as
 *                     {@code groups}
 * @param headerPrefixes per-group header lines delivered in front of {@code deliveries}, same
 *                     index; null where there are none. Where a group's copy is the original with
 *                     header lines added on top (the header stage's stamp), its delivery is the
 *                     original array itself and the lines are here: the intake spools them as a
 *                     prefix instead of a second copy of the message
 * @param contents     the message's subject and attachments, for the event
 */
public record DataPhaseResult(boolean rejectData, String reply, ScanReport report, List<GroupOutcome> groups,
        List<byte[]> deliveries, ListMatch lists, boolean deferred, List<ScanReport> groupReports,
        List<byte[]> headerPrefixes, MessageInventory.Contents contents) {

    public DataPhaseResult {
        contents = contents == null ? MessageInventory.Contents.NONE : contents;
        groups = List.copyOf(groups);
        deliveries = java.util.Collections.unmodifiableList(new ArrayList<>(deliveries));
        headerPrefixes = headerPrefixes == null || headerPrefixes.isEmpty()
                ? java.util.Collections.nCopies(groups.size(), null)
                : java.util.Collections.unmodifiableList(new ArrayList<>(headerPrefixes));
        groupReports = groupReports == null || groupReports.isEmpty()
                ? java.util.Collections.nCopies(groups.size(), report) : List.copyOf(groupReports);
        if (groupReports.size() != groups.size()) {
            throw new IllegalArgumentException("one report per group expected");
        }
    }

    /** A result without the message's subject and attachments. */
    public DataPhaseResult(boolean rejectData, String reply, ScanReport report, List<GroupOutcome> groups,
            List<byte[]> deliveries, ListMatch lists, boolean deferred, List<ScanReport> groupReports,
            List<byte[]> headerPrefixes) {
        this(rejectData, reply, report, groups, deliveries, lists, deferred, groupReports, headerPrefixes,
                MessageInventory.Contents.NONE);
    }

    /** A result without header prefixes (every delivery is the whole copy). */
    public DataPhaseResult(boolean rejectData, String reply, ScanReport report, List<GroupOutcome> groups,
            List<byte[]> deliveries, ListMatch lists, boolean deferred, List<ScanReport> groupReports) {
        this(rejectData, reply, report, groups, deliveries, lists, deferred, groupReports, List.of());
    }

    /** A result whose groups were all judged by the same report, without deferral. */
    public DataPhaseResult(boolean rejectData, String reply, ScanReport report, List<GroupOutcome> groups,
            List<byte[]> deliveries, ListMatch lists) {
        this(rejectData, reply, report, groups, deliveries, lists, false, List.of());
    }

    /** Whether any group asked for a Backup copy of the original; never for a deferred message, which we do not keep. */
    public boolean backupOriginal() {
        return !deferred && groups.stream().anyMatch(g -> g.disposition().backupCopy());
    }

    /** The recipients of the groups whose rule asked for a Backup copy: where a delivery from Backup goes. */
    public List<String> backupRecipients() {
        return groups.stream().filter(g -> g.disposition().backupCopy())
                .flatMap(g -> g.group().recipients().stream()).distinct().toList();
    }

    /** Module, status and rule of every reason for the Backup copy, without repetitions. */
    public List<BackupTrigger> backupTriggers() {
        java.util.Set<BackupTrigger> triggers = new java.util.LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            GroupOutcome g = groups.get(i);
            if (!g.disposition().backupCopy()) {
                continue;
            }
            RuleEntry rule = g.group().rule();
            for (ModuleVerdict v : groupReports.get(i).verdicts()) {
                ModuleSettings settings = rule.definition().module(v.module());
                if (settings.enabled() && settings.actionFor(v.status()).backupCopy()) {
                    triggers.add(new BackupTrigger(v.module(), v.status(), rule.ruleId(), rule.name()));
                }
            }
        }
        return List.copyOf(triggers);
    }

    /** The event to append, with the message as the SMTP layer knows it. */
    public MessageScannedEvent toEvent(MessageRef message, Instant at) {
        List<RecipientGroupDecision> decisions = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            GroupOutcome g = groups.get(i);
            Disposition d = g.disposition();
            boolean delivered = g.delivers() && !rejectData;
            decisions.add(new RecipientGroupDecision(d.ruleId(), d.ruleName(), g.group().recipients(), d.action(),
                    g.applied(), delivered ? d.subjectTags() : List.of(), d.backupCopy() && !deferred,
                    delivered ? d.partsToRemove().stream().map(PartRemoval::path).toList() : List.of(),
                    d.reasons(), groupReports.get(i).verdicts()));
        }
        return new MessageScannedEvent(message, report, decisions, rejectData && !deferred, at, contents.subject(),
                contents.attachments());
    }
}
