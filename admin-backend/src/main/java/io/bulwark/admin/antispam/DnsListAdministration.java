package io.bulwark.admin.antispam;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.dnslist.AddDnsListCommand;
import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListIds;
import io.bulwark.events.dnslist.DnsListsProjection;
import io.bulwark.events.dnslist.EditDnsListCommand;
import io.bulwark.events.dnslist.FindDnsListsQuery;
import io.bulwark.events.dnslist.RemoveDnsListCommand;
import io.bulwark.events.dnslist.SeedDnsListsCommand;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Service;

/**
 * The custom DNS lists for the REST API and the console: commands to the {@link DnsListSet}
 * aggregate, reads folded from its own event stream ({@link DnsListsProjection}, the fold the
 * aggregate and the gateways use). Reading the aggregate's stream, a handful of events, gives a
 * writer its own change at once and needs no read model of its own. Stateless, thread-safe.
 */
@Service
public class DnsListAdministration {
    /** The actor of the seeding from the configuration properties. */
    public static final String CONFIGURATION = "configuration";

    private final CommandGateway commands;
    private final EventStore events;

    public DnsListAdministration(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    /** The lists now, in the order they were added. */
    @QueryHandler
    public DnsListsProjection.View lists(FindDnsListsQuery query) {
        return lists();
    }

    /** The lists now, in the order they were added. */
    public DnsListsProjection.View lists() {
        DnsListsProjection fold = new DnsListsProjection();
        DomainEventStream stream = events.readEvents(DnsListIds.AGGREGATE);
        while (stream.hasNext()) {
            fold.apply(stream.next().getPayload());
        }
        return fold.view();
    }

    /** Adds a list; returns the lists. */
    public DnsListsProjection.View add(DnsListDefinition list, String actor) {
        send(new AddDnsListCommand(list, actor));
        return lists();
    }

    /** Replaces a list's settings; returns the lists. */
    public DnsListsProjection.View edit(String symbol, DnsListDefinition list, String actor) {
        send(new EditDnsListCommand(symbol, list, actor));
        return lists();
    }

    /** Removes a list; returns the lists. */
    public DnsListsProjection.View remove(String symbol, String actor) {
        send(new RemoveDnsListCommand(symbol, actor));
        return lists();
    }

    /** Seeds from the properties unless the lists have events already. */
    public void seed(List<DnsListDefinition> lists, String source) {
        send(new SeedDnsListsCommand(lists, source, CONFIGURATION));
    }

    private void send(Object command) {
        BusCalls.await(commands.send(command), "DNS lists");
    }
}
