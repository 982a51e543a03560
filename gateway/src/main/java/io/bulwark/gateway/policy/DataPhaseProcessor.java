package io.bulwark.gateway.policy;

import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.gateway.scan.ScanPipeline;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The entry point for the SMTP DATA stage: scan, decide per recipient group, resolve the SMTP
 * answer, and produce the bytes to deliver per group. Called after the message is in the spool
 * and before DATA is answered, so a REJECT can be a real 5xx (ARCHITECTURE.md, "Message lifecycle").
 *
 * <p>Steps: match the global lists; group recipients by rule; run only the modules that some
 * group's SCAN rule switches on (none when the sender is deny-listed or every group's rule works
 * without scanning; anti-spam not for allow-listed senders); decide each group with
 * {@link Decision}; resolve with {@link MultiGroupResolution}; transform the delivered copies
 * with {@link MessageTransformer}.
 *
 * <p>Thread-safe when its collaborators are (they are); the policy supplier is read once per
 * message so one message sees one policy version.
 */
public final class DataPhaseProcessor {
    /** Reply to a rejected DATA; deliberately says no more than "policy" to the sending server. */
    public static final String REJECT_REPLY = "550 5.7.1 Message rejected by the recipient's mail policy";

    private final ScanPipeline pipeline;
    private final MessageViewParser parser;
    private final MessageTransformer transformer;
    private final Supplier<PolicySnapshot> policy;

    public DataPhaseProcessor(ScanPipeline pipeline, MessageViewParser parser, MessageTransformer transformer,
            Supplier<PolicySnapshot> policy) {
        this.pipeline = pipeline;
        this.parser = parser;
        this.transformer = transformer;
        this.policy = policy;
    }

    /** Scans and decides one message. */
    public DataPhaseResult process(byte[] rawMessage, Envelope envelope) {
        PolicySnapshot snapshot = policy.get();
        ListMatch lists = snapshot.lists().match(envelope);
        List<RecipientGroup> groups = snapshot.matcher().group(envelope);

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
        ScanReport report;
        if (modules.isEmpty()) {
            report = ScanReport.of();
        } else {
            MessageView view = parser.parse(rawMessage);
            report = pipeline.scan(view, envelope, modules);
        }

        List<Disposition> dispositions = new ArrayList<>();
        for (RecipientGroup g : groups) {
            dispositions.add(Decision.decide(report, g.rule(), lists));
        }
        MultiGroupResolution.Resolved resolved = MultiGroupResolution.resolve(groups, dispositions);
        List<byte[]> deliveries = new ArrayList<>();
        for (GroupOutcome g : resolved.groups()) {
            deliveries.add(!resolved.rejectData() && g.delivers() ? transformer.apply(rawMessage, g.disposition()) : null);
        }
        return new DataPhaseResult(resolved.rejectData(),
                resolved.rejectData() ? REJECT_REPLY + rejectReason(report, groups, lists) : null, report,
                resolved.groups(), deliveries, lists);
    }

    /**
     * What the reply names as the cause: the module statuses (or the list or rule mode) that asked
     * for REJECT. Only our own vocabulary, never the scanners' free text, which can quote
     * sender-chosen file names, so nothing the sender wrote is echoed back on the wire.
     */
    static String rejectReason(ScanReport report, List<RecipientGroup> groups, ListMatch lists) {
        if (lists.denyListed()) {
            return ": sender on the deny list";
        }
        Set<String> causes = new java.util.LinkedHashSet<>();
        for (RecipientGroup g : groups) {
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
