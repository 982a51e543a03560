package io.bulwark.events.cef;

import io.bulwark.events.AggregateCommand;

/**
 * Change the CEF export's settings. All three values are given every time (the console and the API
 * send the whole form), so the event records the complete new state.
 *
 * @param enabled  whether records are sent at all
 * @param target   {@code udp://host:port}, {@code tcp://host:port} or {@code tls://host:port}; may be
 *                 empty only when {@code enabled} is false
 * @param facility syslog facility name ({@code local0}, {@code mail}, ...) or number 0-23
 * @param actor    the administrator
 */
public record ChangeCefExportSettingsCommand(boolean enabled, String target, String facility, String actor)
        implements AggregateCommand {

    @Override
    public String targetId() {
        return CefExportIds.AGGREGATE_ID;
    }
}
