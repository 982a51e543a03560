package io.bulwark.admin.cef;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.cef.CefExportIds;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import io.bulwark.events.cef.ChangeCefExportSettingsCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The CEF export's settings as an event-sourced aggregate (identifier
 * {@value CefExportIds#AGGREGATE_ID}), so that every change is an audited event with its old and new
 * values. Before the first change the settings in force are the properties' ({@code bulwark.cef.*},
 * passed to the handler as {@link CefExportProperties}); the first change records them as the
 * previous values.
 *
 * <p>Validation: the actor is required; the target is {@code udp|tcp|tls://host:port} or empty;
 * enabling needs a target; the facility is a syslog facility name or number. A change to the values
 * already recorded records nothing. Handlers validate, then apply; event-sourcing handlers only
 * assign. Confined to one unit of work at a time by the repository's locking.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class CefExport {
    @AggregateIdentifier
    private String id;
    private CefExportSettings settings;

    /** For Axon: instances are rebuilt from events. */
    protected CefExport() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeCefExportSettingsCommand command, CefExportProperties defaults) {
        if (command.actor() == null || command.actor().isBlank()) {
            throw new InvalidCefSettingsException("The actor is required");
        }
        CefExportSettings next;
        try {
            next = CefExportSettings.of(command.enabled(), command.target(), command.facility() == null
                    || command.facility().isBlank() ? "local0" : command.facility());
        } catch (IllegalArgumentException e) {
            throw new InvalidCefSettingsException(e.getMessage());
        }
        CefExportSettings previous = settings != null ? settings : defaults.settings();
        if (next.equals(previous) && settings != null) {
            return;
        }
        apply(new CefExportSettingsChangedEvent(next.enabled(), next.targetText(), next.transport(), next.facility(),
                previous.enabled(), previous.targetText(), previous.facility(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(CefExportSettingsChangedEvent event) {
        id = CefExportIds.AGGREGATE_ID;
        settings = CefExportSettings.of(event.enabled(), event.target(), event.facility());
    }
}
