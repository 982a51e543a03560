package io.bulwark.events.cef;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The CEF export's settings were changed by an administrator. Carries the values before the change
 * (the effective ones: from the properties {@code bulwark.cef.*} when nothing was changed before) so
 * that the audit log can show {@code old -> new} without replaying.
 *
 * @param enabled          whether records are sent
 * @param target           where to ({@code udp|tcp|tls://host:port}), empty when none
 * @param transport        {@code udp}, {@code tcp} or {@code tls} (the target's scheme), empty when none
 * @param facility         syslog facility name, lower case ({@code local0})
 * @param previousEnabled  the value before
 * @param previousTarget   the value before
 * @param previousFacility the value before
 * @param actor            the administrator
 * @param at               when
 */
@EventRevision("1")
public record CefExportSettingsChangedEvent(boolean enabled, String target, String transport, String facility,
        boolean previousEnabled, String previousTarget, String previousFacility, String actor, Instant at) {
}
