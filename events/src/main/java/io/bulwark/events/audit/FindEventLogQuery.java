package io.bulwark.events.audit;

import java.time.Instant;
import java.util.List;

/**
 * Event log search. Every filter is optional (null or empty = any).
 *
 * @param from        at or after
 * @param to          before
 * @param severities  {@link EventLogEntryView#severity()} values, any of them
 * @param types       {@link EventLogEntryView#type()} values, any of them
 * @param node        node id, exact
 * @param text        words that must each begin a word of the description, ignoring case
 * @param newestFirst newest first or oldest first
 * @param offset      entries to skip
 * @param limit       entries to return
 */
public record FindEventLogQuery(Instant from, Instant to, List<String> severities, List<String> types, String node,
        String text, boolean newestFirst, int offset, int limit) {

    public FindEventLogQuery {
        severities = severities == null ? List.of() : List.copyOf(severities);
        types = types == null ? List.of() : List.copyOf(types);
    }
}
