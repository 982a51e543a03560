package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An administrator logged out of the console (issue 14: logouts belong in the audit log beside
 * logins). A session that simply expires is not a logout and records nothing.
 *
 * @param username      the account that logged out
 * @param remoteAddress the client's address
 * @param channel       "console" (the API is stateless and has no logout)
 * @param at            when
 */
@EventRevision("1")
public record AdminLogoutRecordedEvent(String username, String remoteAddress, String channel, Instant at) {
}
