package io.bulwark.events.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit log entry: an administrative action or an authentication event.
 *
 * @param seq         position in the audit log (0 = first entry)
 * @param at          when it happened
 * @param type        what happened, e.g. {@code Login}, {@code LoginFailed}, {@code RuleEdited}
 * @param category    the group of the type, e.g. {@code Auth}, {@code Rules}, {@code Settings}
 * @param user        who (the account, or null for a failed login that named no account)
 * @param role        the user's role at that time, if known
 * @param address     the source address of the request, if recorded
 * @param object      what it was done to, e.g. {@code rule "Default" (r-1)}
 * @param result      {@link #SUCCESS} or {@link #FAILURE}
 * @param description one line for people
 * @param changes     the settings it changed, old and new
 * @param eventId     the id of the event it was built from (for {@code /api/v1/events})
 */
public record AuditEntryView(long seq, Instant at, String type, String category, String user, String role,
        String address, String object, String result, String description, List<SettingChange> changes,
        String eventId) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public AuditEntryView {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /**
     * One changed setting: its path in the settings and the values before and after (null where it
     * did not exist). {@link #toString()} writes it as {@code path[old][new]}, the notation of the
     * commercial gateway's audit log.
     */
    public record SettingChange(String path, String oldValue, String newValue) {
        @Override
        public String toString() {
            return path + "[" + (oldValue == null ? "" : oldValue) + "][" + (newValue == null ? "" : newValue) + "]";
        }
    }
}
