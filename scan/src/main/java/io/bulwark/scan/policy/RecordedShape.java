package io.bulwark.scan.policy;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanSymbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recorded messages that the impact preview cannot tell apart: the same envelope sender, client
 * address and recipients (in order), each recipient with the same <em>decision verdicts</em>, with
 * how many there were and a few of them by id. The preview judges a shape once and counts it
 * {@link #count} times, which gives the same counts as judging every message (ADR 0030).
 *
 * <p><b>Decision verdicts</b> ({@link #decisionVerdicts}) are the recorded module verdicts with
 * everything {@link Decision}'s <em>action</em> does not read taken out: reasons, score, part paths
 * (only whether there are any: Delete attachment becomes Delete message without one), and symbols
 * other than the DMARC policy ones {@link DmarcPolicyAction} reads. Reasons and parts only enter a
 * disposition's reasons text, which the preview shows for examples alone; so an example keeps its
 * full verdicts by reference ({@link ExampleRef#verdicts}).
 *
 * @param sender        envelope sender
 * @param clientAddress client IP address
 * @param recipients    envelope recipients in order
 * @param signatures    per recipient (same order), the id of its decision verdicts
 * @param count         how many recorded messages have this shape
 * @param examples      the first of them (by scan time), at most as many as the preview shows
 */
public record RecordedShape(String sender, String clientAddress, List<String> recipients, List<String> signatures,
        long count, List<ExampleRef> examples) {
    /** Symbols {@link Decision} reads (through {@link DmarcPolicyAction}). */
    private static final List<String> DECIDING_SYMBOLS = List.of(DmarcPolicyAction.REJECT,
            DmarcPolicyAction.QUARANTINE, DmarcPolicyAction.NONE);

    public RecordedShape {
        recipients = List.copyOf(recipients);
        signatures = List.copyOf(signatures);
        examples = List.copyOf(examples);
        if (recipients.size() != signatures.size()) {
            throw new IllegalArgumentException("one signature per recipient expected");
        }
    }

    /**
     * One recorded message of a shape, kept to be shown as an example.
     *
     * @param queueId  the message
     * @param at       when it was scanned
     * @param verdicts per recipient, the id of its full recorded verdicts (for the reasons text)
     */
    public record ExampleRef(String queueId, Instant at, List<String> verdicts) {
        public ExampleRef {
            Objects.requireNonNull(queueId, "queueId");
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * Per recipient of a recorded message (in envelope order), the verdicts judged for the group it
     * was in when it arrived: a revision 2 event's per-group verdicts, else the report's. The
     * same rule as {@link ImpactPreview#replay}.
     */
    public static List<List<ModuleVerdict>> recordedVerdicts(MessageScannedEvent scanned) {
        Map<String, List<ModuleVerdict>> byRcpt = ImpactPreview.recordedVerdicts(scanned);
        MessageRef ref = scanned.message();
        List<List<ModuleVerdict>> out = new ArrayList<>(ref.recipients().size());
        for (String rcpt : ref.recipients()) {
            out.add(byRcpt.getOrDefault(rcpt, scanned.report().verdicts()));
        }
        return out;
    }

    /**
     * The verdicts with what {@link Decision}'s action, deferral and {@link MultiGroupResolution}
     * do not depend on removed, so that messages judged alike share one value. Judging these gives
     * the same action and deferral as judging {@code verdicts} (ImpactPreviewByShapeTest).
     */
    public static List<ModuleVerdict> decisionVerdicts(List<ModuleVerdict> verdicts) {
        List<ModuleVerdict> out = new ArrayList<>(verdicts.size());
        for (ModuleVerdict v : verdicts) {
            List<ScanSymbol> symbols = new ArrayList<>();
            for (ScanSymbol s : v.symbols()) {
                if (DECIDING_SYMBOLS.contains(s.name())) {
                    symbols.add(new ScanSymbol(s.name(), 0, "", List.of()));
                }
            }
            out.add(new ModuleVerdict(v.module(), v.status(), List.of(), 0,
                    v.partPaths().isEmpty() ? List.of() : List.of("*"), v.statuses(), symbols, v.temporary()));
        }
        return List.copyOf(out);
    }
}
