package io.bulwark.admin.settings;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.settings.ChangeRoutingSettingsCommand;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsIds;
import org.axonframework.eventhandling.GenericEventMessage;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The mail routing of every node, one event-sourced aggregate ({@value SettingsIds#ROUTING}), so
 * that two administrators saving at once cannot interleave half of each other's change: a change
 * replaces the whole area and the second save is applied after the first, on top of it.
 *
 * <p>A change with problems is refused as a whole, listing every problem; a change equal to what is
 * in force records nothing. The first change's {@code previous} is the node's start values
 * ({@link RoutingDefaults}, injected by Axon as a resource), so the audit log's old → new is
 * complete from the first entry.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class RoutingConfiguration {
    @AggregateIdentifier
    private String id;
    private RoutingSettings current;

    /** For Axon: instances are rebuilt from events. */
    protected RoutingConfiguration() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeRoutingSettingsCommand command, RoutingDefaults defaults) {
        if (command.actor() == null || command.actor().isBlank()) {
            throw new InvalidSettingsException(List.of("a settings change needs the administrator who makes it"));
        }
        if (command.settings() == null) {
            throw new InvalidSettingsException(List.of("the routing settings are missing"));
        }
        List<String> problems = command.settings().problems();
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        RoutingSettings previous = current != null ? current : defaults.settings();
        if (previous.equals(command.settings()) && current != null) {
            return;
        }
        apply(new RoutingSettingsChangedEvent(previous, command.settings(), command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(RoutingSettingsChangedEvent event) {
        id = SettingsIds.ROUTING;
        current = event.settings();
    }
}
