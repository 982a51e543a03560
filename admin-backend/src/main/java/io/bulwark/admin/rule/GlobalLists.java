package io.bulwark.admin.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.AddGlobalListEntryCommand;
import io.bulwark.events.rule.AddressPattern;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.IpNetwork;
import io.bulwark.events.rule.RemoveGlobalListEntryCommand;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.SetDenyListActionCommand;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The global allow and deny lists, one event-sourced aggregate (identifier
 * {@value RuleSetIds#GLOBAL_LISTS}), so that an entry cannot be added twice by concurrent
 * administrators. Adding an entry that is already listed is a no-op (so that list imports can be
 * re-run); removing one that is not listed is refused (the console showed a stale list).
 *
 * <p>Command handlers validate, then apply; event-sourcing handlers only fold through
 * {@link GlobalListsProjection}, shared with the gateway and the console.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class GlobalLists {
    static final int MAX_ENTRIES = 100_000;

    @AggregateIdentifier
    private String id;
    private GlobalListsProjection lists = new GlobalListsProjection();

    /** For Axon: instances are rebuilt from events. */
    protected GlobalLists() {
    }

    /** Adds an address pattern or network to a list. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddGlobalListEntryCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        requireList(command.list());
        GlobalListEntry entry = validEntry(command.entry());
        if (lists.view().entries(command.list()).contains(entry)) {
            assignIdentifierIfNew();
            return;
        }
        if (lists.view().entries(command.list()).size() >= MAX_ENTRIES) {
            throw new InvalidRuleCommandException("A global list holds at most " + MAX_ENTRIES + " entries");
        }
        apply(new GlobalListEntryAddedEvent(command.list(), entry, command.actor(), now()));
    }

    /** Removes an entry from a list. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RemoveGlobalListEntryCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        requireList(command.list());
        if (command.entry() == null || !lists.view().entries(command.list()).contains(command.entry())) {
            throw new UnknownRuleException("'" + (command.entry() == null ? null : command.entry().value())
                    + "' is not on the " + command.list() + " list");
        }
        apply(new GlobalListEntryRemovedEvent(command.list(), command.entry(), command.actor(), now()));
    }

    /** Chooses REJECT or DELETE_MESSAGE for deny list hits. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetDenyListActionCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        if (command.action() != Action.REJECT && command.action() != Action.DELETE_MESSAGE) {
            throw new InvalidRuleCommandException("The deny list action is REJECT or DELETE_MESSAGE, not "
                    + command.action());
        }
        if (command.action() == lists.view().denyAction()) {
            assignIdentifierIfNew();
            return;
        }
        apply(new DenyListActionChangedEvent(command.action(), command.actor(), now()));
    }

    @EventSourcingHandler
    void on(GlobalListEntryAddedEvent event) {
        id = RuleSetIds.GLOBAL_LISTS;
        lists.apply(event);
    }

    @EventSourcingHandler
    void on(GlobalListEntryRemovedEvent event) {
        id = RuleSetIds.GLOBAL_LISTS;
        lists.apply(event);
    }

    @EventSourcingHandler
    void on(DenyListActionChangedEvent event) {
        id = RuleSetIds.GLOBAL_LISTS;
        lists.apply(event);
    }

    /**
     * A no-op command on a list that has no events yet must still leave the new instance with its
     * identifier, or the repository could not register it.
     */
    private void assignIdentifierIfNew() {
        if (id == null) {
            id = RuleSetIds.GLOBAL_LISTS;
        }
    }

    private static void requireList(GlobalListKind list) {
        if (list == null) {
            throw new InvalidRuleCommandException("Which list (ALLOW or DENY) is missing");
        }
    }

    private static GlobalListEntry validEntry(GlobalListEntry entry) {
        if (entry == null) {
            throw new InvalidRuleCommandException("The entry is missing");
        }
        try {
            switch (entry.type()) {
                case ADDRESS -> AddressPattern.parse(entry.value());
                case IP_NETWORK -> IpNetwork.parse(entry.value());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleCommandException("Invalid " + entry.type() + " entry: " + e.getMessage());
        }
        return entry;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
