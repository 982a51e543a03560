package io.bulwark.events.dnslist;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An administrator changed a custom DNS list.
 *
 * @param previous the list before (the audit trail shows old and new)
 * @param list     the list now, same symbol
 */
@EventRevision("1")
public record DnsListEditedEvent(DnsListDefinition previous, DnsListDefinition list, String actor, Instant at) {
}
