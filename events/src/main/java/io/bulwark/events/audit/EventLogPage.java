package io.bulwark.events.audit;

import java.util.List;

/** One page of the event log and how many entries match the filters in all. */
public record EventLogPage(List<EventLogEntryView> entries, long total, int offset, int limit) {
}
