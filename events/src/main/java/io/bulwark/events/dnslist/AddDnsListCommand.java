package io.bulwark.events.dnslist;

/** Adds a custom DNS list; its symbol must be new. */
public record AddDnsListCommand(DnsListDefinition list, String actor) implements io.bulwark.events.AggregateCommand {

    @Override
    public String targetId() {
        return DnsListIds.AGGREGATE;
    }
}
