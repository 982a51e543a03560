package io.bulwark.events.audit;

import java.time.Instant;

/**
 * One event log entry: something the system did or suffered (a node started, a module failed, a
 * database was updated, a delivery failed, a store ran low), as opposed to what an administrator did
 * (the audit log) and what happened to one message as a whole (message tracking).
 *
 * @param seq         position in the event log
 * @param at          when
 * @param severity    {@code info}, {@code warning} or {@code error}
 * @param type        what happened, e.g. {@code NodeStarted}, {@code ModuleError}
 * @param node        the node it happened on, if known
 * @param source      what it concerns (a module, a queue id, a store)
 * @param description one line for people
 * @param eventId     the id of the event it was built from
 */
public record EventLogEntryView(long seq, Instant at, String severity, String type, String node, String source,
        String description, String eventId) {

    public static final String INFO = "info";
    public static final String WARNING = "warning";
    public static final String ERROR = "error";
}
