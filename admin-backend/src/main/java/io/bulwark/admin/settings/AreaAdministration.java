package io.bulwark.admin.settings;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.settings.SettingsChange;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * One settings area ({@link SettingsArea}) for the REST API and the console alike: reads the area
 * from its own aggregate stream (a handful of events, read by aggregate id, current as soon as a
 * command returns) and changes it by command, refusing a change with problems before sending it.
 * Stateless and thread-safe.
 *
 * @param <S> the area's settings record
 */
public class AreaAdministration<S> {
    private final CommandGateway commands;
    private final EventStore events;
    private final String areaId;
    private final S startValues;
    private final Function<S, List<String>> problems;
    private final BiFunction<S, String, Object> command;

    /**
     * @param areaId      the area's aggregate id
     * @param startValues the properties' values, in force until the first change
     * @param problems    the area's validation
     * @param command     the change command for settings and actor
     */
    public AreaAdministration(CommandGateway commands, EventStore events, String areaId, S startValues,
            Function<S, List<String>> problems, BiFunction<S, String, Object> command) {
        this.commands = commands;
        this.events = events;
        this.areaId = areaId;
        this.startValues = startValues;
        this.problems = problems;
        this.command = command;
    }

    /**
     * The area in force, where it came from, and who changed it last.
     *
     * @param settings  what every node applies
     * @param source    {@code properties} before the first change, {@code console} after
     * @param changedBy the administrator of the last change, or null
     * @param changedAt when, or null
     */
    public record Current<S>(S settings, String source, String changedBy, Instant changedAt) {
    }

    @SuppressWarnings("unchecked")
    public Current<S> current() {
        SettingsChange<S> last = null;
        DomainEventStream stream = events.readEvents(areaId);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof SettingsChange<?> changed) {
                last = (SettingsChange<S>) changed;
            }
        }
        return last == null ? new Current<>(startValues, "properties", null, null)
                : new Current<>(last.settings(), "console", last.actor(), last.at());
    }

    /** Validates and applies a change as one event; every problem at once, nothing recorded when there is one. */
    public Current<S> change(S settings, String actor) {
        if (settings == null) {
            throw new InvalidSettingsException(List.of("the settings are missing"));
        }
        List<String> found = problems.apply(settings);
        if (!found.isEmpty()) {
            throw new InvalidSettingsException(found);
        }
        BusCalls.await(commands.send(command.apply(settings, actor)), "Settings");
        return current();
    }

    /** The properties' values, for a form's "reset to start values". */
    public S startValues() {
        return startValues;
    }
}
