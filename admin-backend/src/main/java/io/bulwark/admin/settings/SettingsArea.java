package io.bulwark.admin.settings;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.settings.ChangeDnsServerSettingsCommand;
import io.bulwark.events.settings.ChangeModuleSwitchesSettingsCommand;
import io.bulwark.events.settings.ChangeMtaSettingsCommand;
import io.bulwark.events.settings.ChangeTlsPolicySettingsCommand;
import io.bulwark.events.settings.DnsServerSettingsChangedEvent;
import io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent;
import io.bulwark.events.settings.MtaSettingsChangedEvent;
import io.bulwark.events.settings.SettingsChange;
import io.bulwark.events.settings.TlsPolicySettingsChangedEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The settings areas after the mail routing (TLS policy, MTA limits, module switches, DNS), one
 * aggregate <em>instance</em> per area ({@code SettingsIds}) and one class for all: each area is a
 * whole record replaced at once, so the rules are the same four lines for every area (needs an
 * actor, every problem refuses the whole change, an unchanged save records nothing after the
 * first, the first change's {@code previous} is the start values). ADR 0031 says why one class.
 *
 * <p>Two administrators saving at once cannot interleave: the second change is applied on top of
 * the first in the area's own stream (or refused by the store's sequence check and retried by
 * them).
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class SettingsArea {
    @AggregateIdentifier
    private String id;
    private Object current;

    /** For Axon: instances are rebuilt from events. */
    protected SettingsArea() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeTlsPolicySettingsCommand c, StartValues start) {
        change(c.actor(), c.settings(), start.tlsPolicy(), s -> s.problems(), "TLS policy",
                previous -> new TlsPolicySettingsChangedEvent(previous, c.settings(), c.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeMtaSettingsCommand c, StartValues start) {
        change(c.actor(), c.settings(), start.mta(), s -> s.problems(), "MTA",
                previous -> new MtaSettingsChangedEvent(previous, c.settings(), c.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeModuleSwitchesSettingsCommand c, StartValues start) {
        change(c.actor(), c.settings(), start.modules(), s -> s.problems(), "module",
                previous -> new ModuleSwitchesSettingsChangedEvent(previous, c.settings(), c.actor(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeDnsServerSettingsCommand c, StartValues start) {
        change(c.actor(), c.settings(), start.dns(), s -> s.problems(), "DNS",
                previous -> new DnsServerSettingsChangedEvent(previous, c.settings(), c.actor(), now()));
    }

    @SuppressWarnings("unchecked")
    private <S> void change(String actor, S settings, S startValues, Function<S, List<String>> problems, String area,
            Function<S, SettingsChange<S>> event) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidSettingsException(List.of("a settings change needs the administrator who makes it"));
        }
        if (settings == null) {
            throw new InvalidSettingsException(List.of("the " + area + " settings are missing"));
        }
        List<String> found = problems.apply(settings);
        if (!found.isEmpty()) {
            throw new InvalidSettingsException(found);
        }
        if (current != null && current.equals(settings)) {
            return;
        }
        apply(event.apply(current != null ? (S) current : startValues));
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(SettingsChange<?> event) {
        id = event.areaId();
        current = event.settings();
    }
}
