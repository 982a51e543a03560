package io.bulwark.events.settings;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The mail routing became {@code settings}. {@code previous} is what was in force before: the last
 * change, or on the first change the values the node started with (its properties), so the audit
 * log shows old and new for every field without a replay. Gateways apply {@code settings} as a
 * whole to the next connection and the next delivery.
 */
@EventRevision("1")
public record RoutingSettingsChangedEvent(RoutingSettings previous, RoutingSettings settings, String actor,
        Instant at) {
}
