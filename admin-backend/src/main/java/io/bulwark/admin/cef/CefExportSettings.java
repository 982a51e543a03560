package io.bulwark.admin.cef;

import io.bulwark.admin.cef.syslog.SyslogFacility;
import io.bulwark.admin.cef.syslog.SyslogTarget;

/**
 * The export's settings in force, validated.
 *
 * @param enabled  whether records are sent
 * @param target   where to, null when none is set
 * @param facility the syslog facility's name
 */
public record CefExportSettings(boolean enabled, SyslogTarget target, String facility) {

    public CefExportSettings {
        if (enabled && target == null) {
            throw new IllegalArgumentException("The export needs a target (udp://, tcp:// or tls://host:port) "
                    + "to be enabled");
        }
        facility = SyslogFacility.name(facility);
    }

    /**
     * Parses and checks the three values.
     *
     * @throws IllegalArgumentException with a sentence for the administrator
     */
    public static CefExportSettings of(boolean enabled, String target, String facility) {
        SyslogTarget parsed = target == null || target.isBlank() ? null : SyslogTarget.parse(target);
        return new CefExportSettings(enabled, parsed, facility);
    }

    /** The target as written ({@code tcp://host:port}), empty when none. */
    public String targetText() {
        return target == null ? "" : target.toString();
    }

    /** {@code udp}, {@code tcp} or {@code tls}, empty when there is no target. */
    public String transport() {
        return target == null ? "" : target.transport().scheme();
    }
}
