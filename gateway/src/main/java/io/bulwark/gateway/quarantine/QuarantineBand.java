package io.bulwark.gateway.quarantine;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.gateway.policy.DataPhaseResult;
import io.bulwark.scan.policy.GroupOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a judged message falls in the Anti-Spam Quarantine's uncertain band: a pure function of
 * the intake's result and the rules in it (no I/O, no clock), so the decision is tested on its own
 * and explained by the rule options alone.
 *
 * <p>A recipient group counts when its rule scans with anti-spam on and {@code quarantine: yes},
 * the group is delivered to (a Reject or Delete message needs no second look), and its anti-spam
 * verdict is a real rating (not ERROR, NOT_SCANNED or a temporary failure) in
 * [{@code quarantine-from}, {@code quarantine-to}). A message is held as a whole when any group
 * counts: one spool entry has one schedule, and holding the other recipients a while is better than
 * splitting the message. The re-check then judges every group again under its own rule.
 */
public final class QuarantineBand {
    private QuarantineBand() {
    }

    /**
     * Why a message is held.
     *
     * @param ruleIds   the rules whose band the rating fell in, in group order, no repetitions
     * @param ruleNames their names, same order
     * @param rating    the highest rating among those groups
     * @param statuses  the anti-spam statuses under the first of them
     */
    public record Candidate(List<String> ruleIds, List<String> ruleNames, double rating, List<String> statuses) {
        public Candidate {
            ruleIds = List.copyOf(ruleIds);
            ruleNames = List.copyOf(ruleNames);
            statuses = List.copyOf(statuses);
        }
    }

    /** The reason to hold the message, or empty when no group's rating is in its rule's band. */
    public static Optional<Candidate> of(DataPhaseResult result) {
        if (result.rejectData() || result.deferred()) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        double rating = -1;
        List<String> statuses = List.of();
        for (int i = 0; i < result.groups().size(); i++) {
            GroupOutcome group = result.groups().get(i);
            Optional<ModuleVerdict> verdict = result.groupReports().get(i).verdict(ProtectionModule.ANTI_SPAM);
            if (!group.delivers() || verdict.isEmpty() || !inBand(group.group().rule().definition(), verdict.get())) {
                continue;
            }
            if (ids.add(group.group().rule().ruleId())) {
                names.add(group.group().rule().name());
            }
            if (statuses.isEmpty()) {
                statuses = verdict.get().statuses().stream().map(Enum::name).toList();
            }
            rating = Math.max(rating, verdict.get().score());
        }
        return ids.isEmpty() ? Optional.empty()
                : Optional.of(new Candidate(List.copyOf(ids), names, rating, statuses));
    }

    /** Whether a verdict is in the band of a rule that holds uncertain mail. */
    static boolean inBand(RuleDefinition rule, ModuleVerdict verdict) {
        if (rule.mode() != RuleMode.SCAN) {
            return false;
        }
        ModuleSettings settings = rule.module(ProtectionModule.ANTI_SPAM);
        if (!settings.enabled() || !settings.yes(ModuleOption.QUARANTINE) || verdict.temporary()
                || verdict.status() == ScanStatus.ERROR || verdict.status() == ScanStatus.NOT_SCANNED) {
            return false;
        }
        double score = verdict.score();
        return score >= settings.number(ModuleOption.QUARANTINE_FROM)
                && score < settings.number(ModuleOption.QUARANTINE_TO);
    }
}
