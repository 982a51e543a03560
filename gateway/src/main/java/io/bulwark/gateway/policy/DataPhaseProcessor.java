package io.bulwark.gateway.policy;

import io.bulwark.scan.policy.Decision;
import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.ListMatch;
import io.bulwark.scan.policy.RecipientGroup;
import io.bulwark.scan.policy.MultiGroupResolution;
import io.bulwark.scan.policy.GroupOutcome;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.scan.headers.HeaderStage;
import io.bulwark.scan.headers.HeaderStamp;
import io.bulwark.scan.licence.LicenceGate;
import io.bulwark.scan.licence.LicencePolicy;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.inventory.MessageInventory;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.pipeline.ScanResults;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The entry point for the SMTP DATA stage: scan, judge and decide per recipient group, resolve the
 * SMTP answer, and produce the bytes to deliver per group. Called after the message is in the
 * spool and before DATA is answered, so a REJECT can be a real 5xx and a temporary failure a real
 * 451 (ARCHITECTURE.md, "Message lifecycle").
 *
 * <p>Steps: match the global lists; group recipients by rule; run the checks of the modules that
 * some group's SCAN rule switches on, plus their dependencies, once ({@link CheckPipeline}; none
 * when the sender is deny-listed or every group's rule works without scanning; anti-spam not for
 * allow-listed senders); judge the results once per group under that group's rule
 * ({@link ModuleJudge}: thresholds differ per rule); decide each group with {@link Decision};
 * resolve with {@link MultiGroupResolution}; transform the delivered copies with
 * {@link MessageTransformer} and stamp them with the {@link HeaderStage}'s fields.
 *
 * <p>Licensing: the modules the {@link LicenceGate} withholds now are not run; their verdicts are
 * NOT_SCANNED with the reasons "{@value LicencePolicy#RESTRICTION}" and why. Mail flows whatever
 * the licence says.
 *
 * <p>Thread-safe when its collaborators are (they are); the policy supplier is read once per
 * message so one message sees one policy version.
 */
public final class DataPhaseProcessor {
    /** Reply to a rejected DATA; deliberately says no more than "policy" to the sending server. */
    public static final String REJECT_REPLY = "550 5.7.1 Message rejected by the recipient's mail policy";
    /** Reply to a DATA deferred by a temporary failure (RFC 3463 4.7.0: security or policy, temporary). */
    public static final String DEFER_REPLY = "451 4.7.0 Message could not be checked now, try again later";

    private final CheckPipeline pipeline;
    /** The reason a switched-off module's NOT_SCANNED verdict carries. */
    public static final String SWITCHED_OFF = "switched off by an administrator";
    private final MessageViewParser parser;
    private final MessageTransformer transformer;
    private final HeaderStage headers;
    private final Supplier<PolicySnapshot> policy;
    private final LicenceGate licence;
    private final Supplier<Set<ProtectionModule>> switchedOff;

    /** A processor that scans as licensed by {@link LicenceGate#UNRESTRICTED} (tests not about licensing). */
    public DataPhaseProcessor(CheckPipeline pipeline, MessageViewParser parser, MessageTransformer transformer,
            HeaderStage headers, Supplier<PolicySnapshot> policy) {
        this(pipeline, parser, transformer, headers, policy, LicenceGate.UNRESTRICTED);
    }

    public DataPhaseProcessor(CheckPipeline pipeline, MessageViewParser parser, MessageTransformer transformer,
            HeaderStage headers, Supplier<PolicySnapshot> policy, LicenceGate licence) {
        this(pipeline, parser, transformer, headers, policy, licence, Set::of);
    }

    /**
     * @param switchedOff the modules an administrator switched off globally (the console's module
     *                    switches), read per message: withheld like the licence's, with the reason
     *                    {@value #SWITCHED_OFF}
     */
    public DataPhaseProcessor(CheckPipeline pipeline, MessageViewParser parser, MessageTransformer transformer,
            HeaderStage headers, Supplier<PolicySnapshot> policy, LicenceGate licence,
            Supplier<Set<ProtectionModule>> switchedOff) {
        this.switchedOff = switchedOff;
        this.pipeline = pipeline;
        this.parser = parser;
        this.transformer = transformer;
        this.headers = headers;
        this.policy = policy;
        this.licence = licence;
    }

    /** Scans and decides one message. */
    public DataPhaseResult process(byte[] rawMessage, Envelope envelope) {
        return process(rawMessage, envelope, null);
    }

    /**
     * Starts the scan's slow questions (DNS for SPF, the DNS lists, ...) for the modules the policy
     * would run on a message with this envelope, before its content has arrived
     * ({@link CheckPipeline#prefetch}); give the handle to
     * {@link #process(byte[], Envelope, CheckPipeline.Early)}. The decision is still taken on the
     * policy in force when the content is complete: the prefetch only asks early.
     *
     * @return the handle, or null when nothing would be scanned or the policy is not loaded yet
     */
    public CheckPipeline.Early prefetch(Envelope envelope) {
        try {
            PolicySnapshot snapshot = policy.get();
            Set<ProtectionModule> running = EnumSet.noneOf(ProtectionModule.class);
            running.addAll(modules(snapshot.lists().match(envelope), snapshot.matcher().group(envelope)));
            running.removeAll(licence.withheldModules().keySet());
            running.removeAll(switchedOff.get());
            return running.isEmpty() ? null : pipeline.prefetch(envelope, running);
        } catch (RuntimeException e) {
            return null; // only an early start: the message is judged without it
        }
    }

    /** The modules some group's SCAN rule switches on, none for a deny-listed sender, no anti-spam for an allow-listed one. */
    private static Set<ProtectionModule> modules(ListMatch lists, List<RecipientGroup> groups) {
        Set<ProtectionModule> modules = EnumSet.noneOf(ProtectionModule.class);
        if (!lists.denyListed()) {
            for (RecipientGroup g : groups) {
                RuleDefinition def = g.rule().definition();
                if (def.mode() == RuleMode.SCAN) {
                    for (ProtectionModule m : ProtectionModule.values()) {
                        if (def.moduleEnabled(m)) {
                            modules.add(m);
                        }
                    }
                }
            }
            if (lists.allowListed()) {
                modules.remove(ProtectionModule.ANTI_SPAM);
            }
        }
        return modules;
    }

    /**
     * Scans and decides one message, using its {@linkplain #prefetch(Envelope) early start} when
     * there was one ({@code early} may be null).
     */
    public DataPhaseResult process(byte[] rawMessage, Envelope envelope, CheckPipeline.Early early) {
        PolicySnapshot snapshot = policy.get();
        ListMatch lists = snapshot.lists().match(envelope);
        List<RecipientGroup> groups = snapshot.matcher().group(envelope);

        Set<ProtectionModule> modules = modules(lists, groups);
        // The licence: modules it withholds are not run and are judged NOT_SCANNED with its reason
        // (ModuleJudge); the message goes on under the rule like any other.
        Map<ProtectionModule, List<String>> withheld = new EnumMap<>(ProtectionModule.class);
        if (!modules.isEmpty()) {
            licence.withheldModules().forEach((module, why) -> {
                if (modules.contains(module)) {
                    withheld.put(module, List.of(LicencePolicy.RESTRICTION, why));
                }
            });
        }
        // The module switches: a module switched off is withheld the same way, with its own reason.
        if (!modules.isEmpty()) {
            for (ProtectionModule module : switchedOff.get()) {
                if (modules.contains(module)) {
                    withheld.putIfAbsent(module, List.of(SWITCHED_OFF));
                }
            }
        }
        Set<ProtectionModule> running = EnumSet.noneOf(ProtectionModule.class);
        running.addAll(modules);
        running.removeAll(withheld.keySet());
        ScanResults results = ScanResults.none();
        MessageInventory.Contents contents;
        if (!running.isEmpty()) {
            MessageView view = parser.parse(rawMessage);
            results = pipeline.scan(view, envelope, running, early);
            // after the scan: the checks have already detected types and read the parts' bytes
            contents = MessageInventory.of(view);
        } else {
            contents = MessageInventory.subjectOnly(rawMessage);
        }
        results = results.withWithheld(withheld);

        List<ScanReport> reports = new ArrayList<>();
        List<Disposition> dispositions = new ArrayList<>();
        for (RecipientGroup g : groups) {
            RuleDefinition def = g.rule().definition();
            List<ModuleVerdict> verdicts = ModuleJudge.judge(results, def::module, pipeline.symbols());
            ScanReport report = new ScanReport(verdicts, results.durations(), results.totalMillis(), results.outcomes());
            reports.add(report);
            dispositions.add(Decision.decide(report, g.rule(), lists));
        }
        ScanReport report = reports.isEmpty() ? ScanReport.of() : reports.getFirst();
        MultiGroupResolution.Resolved resolved = MultiGroupResolution.resolve(groups, dispositions);
        boolean refused = resolved.rejectData() || resolved.deferData();
        List<byte[]> deliveries = new ArrayList<>();
        List<byte[]> prefixes = new ArrayList<>();
        for (int i = 0; i < resolved.groups().size(); i++) {
            GroupOutcome g = resolved.groups().get(i);
            byte[] delivered = null;
            byte[] prefix = null;
            if (!refused && g.delivers()) {
                HeaderStamp stamp = headers.stamp(results, reports.get(i).verdicts());
                // Unchanged apart from header lines on top (X-headers, the stamp): deliver the
                // original behind them, so no second copy of the message is made, held or spooled.
                byte[] lines = MessageTransformer.headerPrefix(rawMessage, g.disposition(), stamp);
                if (lines != null) {
                    delivered = rawMessage;
                    prefix = lines.length == 0 ? null : lines;
                } else {
                    delivered = MessageTransformer.stamp(transformer.apply(rawMessage, g.disposition()), stamp);
                }
            }
            deliveries.add(delivered);
            prefixes.add(prefix);
        }
        String reply = null;
        if (resolved.deferData()) {
            reply = DEFER_REPLY + deferReason(reports, resolved.groups());
        } else if (resolved.rejectData()) {
            reply = REJECT_REPLY + rejectReason(reports, groups, lists);
        }
        return new DataPhaseResult(refused, reply, report, resolved.groups(), deliveries, lists, resolved.deferData(),
                reports, prefixes, contents);
    }

    /** The modules whose temporary failure deferred the message: our vocabulary only. */
    static String deferReason(List<ScanReport> reports, List<GroupOutcome> groups) {
        Set<String> causes = new java.util.LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!groups.get(i).disposition().deferred()) {
                continue;
            }
            RuleDefinition def = groups.get(i).group().rule().definition();
            for (ModuleVerdict v : reports.get(i).verdicts()) {
                if (v.temporary() && def.module(v.module()).defersOnTemporaryFailure()) {
                    causes.add(v.module().name());
                }
            }
        }
        return causes.isEmpty() ? "" : " (" + String.join(", ", causes) + ")";
    }

    /**
     * What the reply names as the cause: the module statuses (or the list or rule mode) that asked
     * for REJECT. Only our own vocabulary, never the scanners' free text, which can quote
     * sender-chosen file names, so nothing the sender wrote is echoed back on the wire.
     */
    static String rejectReason(List<ScanReport> reports, List<RecipientGroup> groups, ListMatch lists) {
        if (lists.denyListed()) {
            return ": sender on the deny list";
        }
        Set<String> causes = new java.util.LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            RecipientGroup g = groups.get(i);
            ScanReport report = reports.get(i);
            RuleDefinition def = g.rule().definition();
            if (def.mode() == RuleMode.REJECT_WITHOUT_SCANNING) {
                causes.add("rule '" + def.name() + "'");
                continue;
            }
            for (var verdict : report.verdicts()) {
                if (def.moduleEnabled(verdict.module())
                        && def.module(verdict.module()).actionFor(verdict.status()).action()
                        == io.bulwark.events.rule.Action.REJECT) {
                    causes.add(verdict.module() + " " + verdict.status());
                }
            }
        }
        return causes.isEmpty() ? "" : ": " + String.join(", ", causes);
    }
}
