package io.bulwark.admin.cef;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.cef.ChangeCefExportSettingsCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The CEF export's settings behind the REST API and the console: reads the settings in force and the
 * exporter's health, and changes the settings through the audited command. Refusals:
 * {@link InvalidCefSettingsException}. Stateless and thread-safe.
 */
public class CefExportAdministration {
    private final CommandGateway commands;
    private final CefSettingsSource settings;
    private final CefExportHealth health;

    public CefExportAdministration(CommandGateway commands, CefSettingsSource settings, CefExportHealth health) {
        this.commands = commands;
        this.settings = settings;
        this.health = health;
    }

    /** The settings in force. */
    public CefExportSettings settings() {
        return settings.current();
    }

    /** This node's exporter: failing or not, since when, records sent. */
    public CefExportHealth.Status status() {
        return health.status();
    }

    /** Changes the settings; returns those in force afterwards. */
    public CefExportSettings change(boolean enabled, String target, String facility, String actor) {
        BusCalls.await(commands.send(new ChangeCefExportSettingsCommand(enabled, target, facility, actor)),
                "CEF export settings");
        settings.invalidate();
        return settings.current();
    }
}
