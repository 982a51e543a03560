package io.bulwark.admin.settings;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the settings areas: their start values from the properties and their administration. */
@Configuration(proxyBeanMethods = false)
public class SettingsConfiguration {

    @Bean
    RoutingDefaults bulwarkRoutingDefaults(Environment environment) {
        return RoutingDefaults.from(environment);
    }

    @Bean
    RoutingSettingsAdministration bulwarkRoutingSettingsAdministration(CommandGateway commands, EventStore events,
            RoutingDefaults defaults) {
        return new RoutingSettingsAdministration(commands, events, defaults);
    }
}
