package io.bulwark.events.dnslist;

/** Replaces the settings of the list with {@code symbol} (the symbol itself stays). */
public record EditDnsListCommand(String symbol, DnsListDefinition list, String actor) implements io.bulwark.events.AggregateCommand {

    @Override
    public String targetId() {
        return DnsListIds.AGGREGATE;
    }
}
