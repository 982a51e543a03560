package io.bulwark.admin.settings;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.settings.ChangeRoutingSettingsCommand;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsIds;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Routing settings for the REST API and the console alike: reads the area from its own aggregate
 * stream (a handful of events, read in constant time by aggregate id, always current after a
 * command returns) and changes it by command. Stateless and thread-safe.
 */
public class RoutingSettingsAdministration {
    private final CommandGateway commands;
    private final EventStore events;
    private final RoutingDefaults defaults;

    public RoutingSettingsAdministration(CommandGateway commands, EventStore events, RoutingDefaults defaults) {
        this.commands = commands;
        this.events = events;
        this.defaults = defaults;
    }

    /**
     * The routing in force, where it came from, and who changed it last.
     *
     * @param settings  the settings every node applies
     * @param source    {@code properties} before the first change, {@code console} after
     * @param changedBy the administrator of the last change, or null
     * @param changedAt when, or null
     */
    public record Current(RoutingSettings settings, String source, String changedBy, Instant changedAt) {
    }

    public Current current() {
        RoutingSettingsChangedEvent last = null;
        DomainEventStream stream = events.readEvents(SettingsIds.ROUTING);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof RoutingSettingsChangedEvent changed) {
                last = changed;
            }
        }
        return last == null ? new Current(defaults.settings(), "properties", null, null)
                : new Current(last.settings(), "console", last.actor(), last.at());
    }

    /**
     * Validates and applies a change as one event; every problem is reported at once and nothing is
     * recorded when there is one.
     */
    public Current change(RoutingSettings settings, String actor) {
        if (settings == null) {
            throw new InvalidSettingsException(List.of("the routing settings are missing"));
        }
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        BusCalls.await(commands.send(new ChangeRoutingSettingsCommand(settings, actor)), "Settings");
        return current();
    }

    /** The properties' values, for a form's "reset to start values". */
    public RoutingSettings startValues() {
        return defaults.settings();
    }
}
