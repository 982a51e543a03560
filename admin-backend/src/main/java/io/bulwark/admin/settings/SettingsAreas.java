package io.bulwark.admin.settings;

import io.bulwark.events.settings.ChangeDnsServerSettingsCommand;
import io.bulwark.events.settings.ChangeModuleSwitchesSettingsCommand;
import io.bulwark.events.settings.ChangeMtaSettingsCommand;
import io.bulwark.events.settings.ChangeTlsPolicySettingsCommand;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.SettingsIds;
import io.bulwark.events.settings.TlsPolicySettings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The administration of each settings area after the routing, for the REST API and the console.
 *
 * @param tlsPolicy inbound and outbound TLS policies
 * @param mta       the listener's limits, timeouts and banner host name
 * @param modules   the global module switches
 * @param dns       the DNS resolvers and timeout
 */
public record SettingsAreas(AreaAdministration<TlsPolicySettings> tlsPolicy, AreaAdministration<MtaSettings> mta,
        AreaAdministration<ModuleSwitches> modules, AreaAdministration<DnsServerSettings> dns) {

    /** All four over one command gateway and event store, starting from {@code start}. */
    public static SettingsAreas of(CommandGateway commands, EventStore events, StartValues start) {
        return new SettingsAreas(
                new AreaAdministration<>(commands, events, SettingsIds.TLS_POLICY, start.tlsPolicy(),
                        TlsPolicySettings::problems, ChangeTlsPolicySettingsCommand::new),
                new AreaAdministration<>(commands, events, SettingsIds.MTA, start.mta(), MtaSettings::problems,
                        ChangeMtaSettingsCommand::new),
                new AreaAdministration<>(commands, events, SettingsIds.MODULES, start.modules(),
                        ModuleSwitches::problems, ChangeModuleSwitchesSettingsCommand::new),
                new AreaAdministration<>(commands, events, SettingsIds.DNS, start.dns(), DnsServerSettings::problems,
                        ChangeDnsServerSettingsCommand::new));
    }
}
