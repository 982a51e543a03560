package io.bulwark.events.audit;

import java.util.List;

/** One page of the audit log and how many entries match the filters in all. */
public record AuditEntriesPage(List<AuditEntryView> entries, long total, int offset, int limit) {
}
