package io.bulwark.events.audit;

/** The audit log's event types ({@link AuditEntryView#type()}) the node knows, for a filter's choices. */
public record FindAuditTypesQuery() {
}
