package io.bulwark.events.dnslist;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** An administrator added a custom DNS list. */
@EventRevision("1")
public record DnsListAddedEvent(DnsListDefinition list, String actor, Instant at) {
}
