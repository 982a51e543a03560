package io.bulwark.events.dnslist;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An administrator removed a custom DNS list.
 *
 * @param removed the list as it was
 */
@EventRevision("1")
public record DnsListRemovedEvent(DnsListDefinition removed, String actor, Instant at) {
}
