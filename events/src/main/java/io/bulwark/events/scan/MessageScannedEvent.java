package io.bulwark.events.scan;

import io.bulwark.events.EventRevision;
import io.bulwark.events.message.MessageRef;
import java.time.Instant;
import java.util.List;

/**
 * The gateway scanned a message and decided, per recipient group, what to do with it. Carries the
 * full report so that a later rule change can be previewed against past verdicts (ARCHITECTURE.md,
 * "Decision"). No message content: reasons name parts and file names only.
 *
 * <p>Revision 2 added, without changing any revision 1 field: {@code report.checks} (every check's
 * outcome and symbols), {@code report.verdicts[].statuses/symbols/temporary}, and
 * {@code decisions[].verdicts} (the module verdicts under that group's rule, whose thresholds may
 * differ). {@code report.verdicts} are the verdicts under the first group's rule. Revision 1 events
 * read with those fields empty.
 *
 * @param message      the message (all its recipients)
 * @param report       every module's verdict
 * @param decisions    one entry per recipient group
 * @param dataRejected whether the DATA command got a 5xx (only when every group rejected)
 * @param at           when the decision was made
 */
@EventRevision("2")
public record MessageScannedEvent(MessageRef message, ScanReport report, List<RecipientGroupDecision> decisions,
        boolean dataRejected, Instant at) {

    public MessageScannedEvent {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }
}
