package io.bulwark.admin.settings;

import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
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
    StartValues bulwarkSettingsStartValues(Environment environment) {
        return StartValues.from(environment);
    }

    @Bean
    SettingsAreas bulwarkSettingsAreas(CommandGateway commands, EventStore events, StartValues start) {
        return SettingsAreas.of(commands, events, start);
    }

    /** Audit log entries of every settings area, with the diff of each field (path[old][new]). */
    @Bean
    io.bulwark.admin.audit.AuditMappings bulwarkSettingsAudit() {
        return SettingsAudit::register;
    }

    @Bean
    RoutingSettingsAdministration bulwarkRoutingSettingsAdministration(CommandGateway commands, EventStore events,
            RoutingDefaults defaults) {
        return new RoutingSettingsAdministration(commands, events, defaults);
    }

    /**
     * The wizard's checks: the gateway's DNS servers ({@code bulwark.dns.servers}), uncached like
     * the DKIM check (an answer must reflect the zone now), and a short SMTP timeout.
     */
    @Bean
    NextHopCheck bulwarkNextHopCheck(@Value("${bulwark.dns.servers:}") List<String> servers,
            @Value("${bulwark.dns.timeout:10s}") Duration timeout,
            @Value("${bulwark.smtp.hostname:localhost}") String hostName) {
        return new NextHopCheck(DnsjavaLookup.create(new DnsSettings(servers.stream().filter(s -> !s.isBlank()).toList(),
                timeout, 1_000, Duration.ZERO, Duration.ZERO)), Duration.ofSeconds(5), hostName);
    }
}
