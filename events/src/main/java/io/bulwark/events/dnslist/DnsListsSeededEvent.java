package io.bulwark.events.dnslist;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * The lists were taken from the configuration properties on the first start (possibly none: the
 * event still marks the aggregate as seeded, so later starts leave it alone).
 *
 * @param lists  the lists
 * @param source where they came from (the property names)
 * @param actor  {@code configuration}
 */
@EventRevision("1")
public record DnsListsSeededEvent(List<DnsListDefinition> lists, String source, String actor, Instant at) {
    public DnsListsSeededEvent {
        lists = lists == null ? List.of() : List.copyOf(lists);
    }
}
