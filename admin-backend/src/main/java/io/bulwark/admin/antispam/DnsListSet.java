package io.bulwark.admin.antispam;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.dnslist.AddDnsListCommand;
import io.bulwark.events.dnslist.DnsListAddedEvent;
import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListEditedEvent;
import io.bulwark.events.dnslist.DnsListIds;
import io.bulwark.events.dnslist.DnsListRemovedEvent;
import io.bulwark.events.dnslist.DnsListsProjection;
import io.bulwark.events.dnslist.DnsListsSeededEvent;
import io.bulwark.events.dnslist.EditDnsListCommand;
import io.bulwark.events.dnslist.RemoveDnsListCommand;
import io.bulwark.events.dnslist.SeedDnsListsCommand;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The custom DNS lists of the anti-spam module (address lists and link-domain lists), one
 * event-sourced aggregate ({@link DnsListIds#AGGREGATE}), so that two administrators cannot add
 * the same symbol at once. A symbol is a list's identity; a zone is asked by one list of each kind
 * at most (two symbols for one question would count a listing twice).
 *
 * <p>Seeding from the configuration properties happens once: {@link SeedDnsListsCommand} is a
 * no-op as soon as the aggregate has any event, so the properties never overwrite what
 * administrators changed (docs/antispam.md). Command handlers validate, then apply;
 * event-sourcing handlers only fold through {@link DnsListsProjection}, shared with the gateway.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class DnsListSet {
    static final int MAX_LISTS = 100;

    @AggregateIdentifier
    private String id;
    private DnsListsProjection lists = new DnsListsProjection();

    /** For Axon: instances are rebuilt from events. */
    protected DnsListSet() {
    }

    /** Seeds the lists from the properties on the first start; afterwards does nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SeedDnsListsCommand command) {
        requireActor(command.actor());
        if (lists.view().configured()) {
            assignIdentifierIfNew();
            return;
        }
        Set<String> symbols = new HashSet<>();
        Set<String> zones = new HashSet<>();
        for (DnsListDefinition list : command.lists()) {
            valid(list);
            if (!symbols.add(list.symbol())) {
                throw new DnsListTakenException("The symbol " + list.symbol() + " is configured twice");
            }
            if (!zones.add(list.kind() + " " + list.zone())) {
                throw new DnsListTakenException("The zone " + list.zone() + " is configured twice as " + list.kind());
            }
        }
        if (command.lists().size() > MAX_LISTS) {
            throw new InvalidDnsListException("At most " + MAX_LISTS + " DNS lists");
        }
        apply(new DnsListsSeededEvent(command.lists(), command.source(), command.actor(), now()));
    }

    /** Adds a list; its symbol and (per kind) its zone must be new. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddDnsListCommand command) {
        requireActor(command.actor());
        DnsListDefinition list = valid(command.list());
        if (lists.find(list.symbol()) != null) {
            throw new DnsListTakenException("A DNS list with the symbol " + list.symbol() + " exists already");
        }
        requireZoneFree(list, null);
        if (lists.view().lists().size() >= MAX_LISTS) {
            throw new InvalidDnsListException("At most " + MAX_LISTS + " DNS lists");
        }
        apply(new DnsListAddedEvent(list, command.actor(), now()));
    }

    /** Changes a list's settings; the symbol stays. Unchanged settings are a no-op. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EditDnsListCommand command) {
        requireActor(command.actor());
        DnsListDefinition before = existing(command.symbol());
        DnsListDefinition list = valid(command.list());
        if (!list.symbol().equals(before.symbol())) {
            throw new InvalidDnsListException("The symbol of a list cannot change (" + before.symbol() + " -> "
                    + list.symbol() + "): remove it and add a new one");
        }
        requireZoneFree(list, before.symbol());
        if (list.equals(before)) {
            return;
        }
        apply(new DnsListEditedEvent(before, list, command.actor(), now()));
    }

    /** Removes a list. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RemoveDnsListCommand command) {
        requireActor(command.actor());
        apply(new DnsListRemovedEvent(existing(command.symbol()), command.actor(), now()));
    }

    @EventSourcingHandler
    void on(DnsListsSeededEvent event) {
        fold(event);
    }

    @EventSourcingHandler
    void on(DnsListAddedEvent event) {
        fold(event);
    }

    @EventSourcingHandler
    void on(DnsListEditedEvent event) {
        fold(event);
    }

    @EventSourcingHandler
    void on(DnsListRemovedEvent event) {
        fold(event);
    }

    private void fold(Object event) {
        id = DnsListIds.AGGREGATE;
        lists.apply(event);
    }

    private DnsListDefinition existing(String symbol) {
        DnsListDefinition list = symbol == null ? null : lists.find(symbol.strip());
        if (list == null) {
            assignIdentifierIfNew();
            throw new UnknownDnsListException(symbol);
        }
        return list;
    }

    private void requireZoneFree(DnsListDefinition list, String except) {
        for (DnsListDefinition other : lists.view().lists()) {
            if (!other.symbol().equals(except) && other.kind() == list.kind() && other.zone().equals(list.zone())) {
                throw new DnsListTakenException("The zone " + list.zone() + " is asked already by " + other.symbol());
            }
        }
    }

    private static DnsListDefinition valid(DnsListDefinition list) {
        if (list == null) {
            throw new InvalidDnsListException("The list is missing");
        }
        List<String> problems = list.problems();
        if (!problems.isEmpty()) {
            throw new InvalidDnsListException("Invalid DNS list: " + String.join("; ", problems));
        }
        return list;
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidDnsListException("The acting administrator is missing");
        }
    }

    /** A no-op or refused command on a new instance must still leave it its identifier. */
    private void assignIdentifierIfNew() {
        if (id == null) {
            id = DnsListIds.AGGREGATE;
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
