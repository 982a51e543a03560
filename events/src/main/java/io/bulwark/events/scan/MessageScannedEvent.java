package io.bulwark.events.scan;

import io.bulwark.events.EventRevision;
import io.bulwark.events.PersonalData;
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
 * <p>Revision 3 added, again without changing any earlier field: {@code subject} and
 * {@code attachments}. Revision 1 and 2 events read with no subject ({@code null}) and no
 * attachments.
 *
 * <p><b>Personal data.</b> {@code subject} is the only field holding words the sender wrote; it is
 * kept in this one top-level field so that crypto-shredding (ADR 0024) can encrypt it alone.
 *
 * @param message      the message (all its recipients)
 * @param report       every module's verdict
 * @param decisions    one entry per recipient group
 * @param dataRejected whether the DATA command got a 5xx (only when every group rejected)
 * @param at           when the decision was made
 * @param subject      the Subject header, RFC 2047 words decoded, control characters removed, at
 *                     most {@value #SUBJECT_MAX_LENGTH} characters; {@code null} when the message has
 *                     none (or the event is older than revision 3). Personal data (see above)
 * @param attachments  the message's attachments, document order (empty when it has none, when no
 *                     module scanned it, or in events older than revision 3)
 */
@EventRevision("3")
public record MessageScannedEvent(MessageRef message, ScanReport report, List<RecipientGroupDecision> decisions,
        boolean dataRejected, Instant at, @PersonalData(PersonalData.Kind.OF_MESSAGE) String subject,
        List<AttachmentDescription> attachments) {

    /** Longest subject recorded, in characters (longer ones are cut, never inside a character). */
    public static final int SUBJECT_MAX_LENGTH = 255;

    public MessageScannedEvent {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** An event without subject and attachments (revision 2 shape; tests and replays). */
    public MessageScannedEvent(MessageRef message, ScanReport report, List<RecipientGroupDecision> decisions,
            boolean dataRejected, Instant at) {
        this(message, report, decisions, dataRejected, at, null, List.of());
    }
}
