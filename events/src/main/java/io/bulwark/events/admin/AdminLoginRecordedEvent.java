package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A login to the console or the API, successful or not. Failed attempts name the username given,
 * which may not exist.
 *
 * @param channel "console" or "api"
 */
@EventRevision("1")
public record AdminLoginRecordedEvent(String username, boolean success, String remoteAddress, String channel,
        Instant at) {
}
