package io.bulwark.events.dnslist;

/** Removes the list with {@code symbol}. */
public record RemoveDnsListCommand(String symbol, String actor) implements io.bulwark.events.AggregateCommand {

    @Override
    public String targetId() {
        return DnsListIds.AGGREGATE;
    }
}
