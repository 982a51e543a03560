package io.bulwark.events.dnslist;

import java.util.List;

/**
 * Seeds the lists from the configuration properties ({@code bulwark.antispam.dnsbl[i]},
 * {@code bulwark.antispam.uribl[i]}) on the first start: does nothing once the aggregate has any
 * event, so the console's later changes are never overwritten by the properties.
 *
 * @param lists  the lists as the properties give them
 * @param source where they come from, for the audit trail
 * @param actor  who seeds ({@code configuration})
 */
public record SeedDnsListsCommand(List<DnsListDefinition> lists, String source, String actor) implements io.bulwark.events.AggregateCommand {
    public SeedDnsListsCommand {
        lists = lists == null ? List.of() : List.copyOf(lists);
    }

    @Override
    public String targetId() {
        return DnsListIds.AGGREGATE;
    }
}
