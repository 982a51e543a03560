package io.bulwark.admin.settings;

import io.bulwark.events.settings.RoutingSettings;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The routing a node starts with before any console change: the {@code bulwark.routing.*}
 * properties ({@code relay-domains}, {@code mynetworks}, {@code relayhost}, {@code transport-map},
 * {@code verify-recipients}). Once a change is recorded, the event history wins on every node and
 * these properties are only the "previous" value of the first change (docs/administration.md).
 *
 * @param settings the values as bound from the environment (possibly with problems; they are shown,
 *                 not refused, since the gateway already refuses to start on a bad one)
 */
public record RoutingDefaults(RoutingSettings settings) {

    /** Reads the properties with Spring's relaxed binding, as the gateway's own properties are read. */
    public static RoutingDefaults from(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> relayDomains = binder.bind("bulwark.routing.relay-domains", Bindable.listOf(String.class))
                .orElse(List.of());
        List<String> mynetworks = binder.bind("bulwark.routing.mynetworks", Bindable.listOf(String.class))
                .orElse(List.of());
        String relayhost = binder.bind("bulwark.routing.relayhost", String.class).orElse(null);
        Map<String, String> transportMap = binder.bind("bulwark.routing.transport-map",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        List<String> verify = binder.bind("bulwark.routing.verify-recipients", Bindable.listOf(String.class))
                .orElse(List.of());
        return new RoutingDefaults(new RoutingSettings(relayDomains, mynetworks, relayhost, transportMap, verify));
    }
}
