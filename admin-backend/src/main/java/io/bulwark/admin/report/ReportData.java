package io.bulwark.admin.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report's contents for a period, summed from the hour documents of
 * {@link ReportCountersProjection} (reference notes F: detects and actions, nodes, object types per
 * module status, top lists, volume, hourly traffic). Immutable.
 *
 * @param from          start of the period, inclusive
 * @param to            end, exclusive
 * @param messages      messages scanned
 * @param bytes         their bytes as received
 * @param recipients    their envelope recipients
 * @param detected      messages in which some module found something
 * @param notDetected   messages in which no module found anything
 * @param delivered     recipients delivered
 * @param bounced       recipients bounced
 * @param statuses      per module, messages per status (module and status names as in the events)
 * @param actions       messages per final action (SKIP, DELETE_ATTACHMENT, REJECT, DELETE_MESSAGE)
 * @param smtpRejected  refusals during the SMTP dialogue per stage (MAIL, RCPT, DATA)
 * @param nodes         per gateway node, messages and bytes
 * @param hourly        one point per hour of the period (hours without traffic included)
 * @param tops          the top lists: senders, recipients, domains, threats, each largest first
 */
public record ReportData(Instant from, Instant to, long messages, long bytes, long recipients, long detected,
        long notDetected, long delivered, long bounced, Map<String, Map<String, Long>> statuses,
        Map<String, Long> actions, Map<String, Long> smtpRejected, List<NodeVolume> nodes, List<HourVolume> hourly,
        Map<String, Map<String, Long>> tops) {

    /** One node's volume. */
    public record NodeVolume(String node, long messages, long bytes) {
    }

    /** One hour's traffic over all nodes. */
    public record HourVolume(Instant hour, long messages, long bytes) {
    }
}
