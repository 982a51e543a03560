package io.bulwark.events.audit;

import java.time.Instant;
import java.util.List;

/**
 * Audit log search: the five filters of the console (time range, event type, subject, result, text
 * in the description), order and page. Every filter is optional (null or empty = any).
 *
 * @param from        at or after
 * @param to          before
 * @param types       event types ({@link AuditEntryView#type()}), any of them
 * @param subject     a user name, role or source address, exact and ignoring case
 * @param result      {@link AuditEntryView#SUCCESS} or {@link AuditEntryView#FAILURE}
 * @param text        words that must each begin a word of the description or the object, ignoring case
 * @param newestFirst newest first (the default in the API) or oldest first
 * @param offset      entries to skip
 * @param limit       entries to return
 */
public record FindAuditEntriesQuery(Instant from, Instant to, List<String> types, String subject, String result,
        String text, boolean newestFirst, int offset, int limit) {

    public FindAuditEntriesQuery {
        types = types == null ? List.of() : List.copyOf(types);
    }
}
