package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * An account was deleted by {@code actor}. Its earlier events stay (auditors replay them); a later
 * {@link AdminAccountCreatedEvent} with the same username starts a new account in the same stream.
 */
@EventRevision("1")
public record AdminAccountDeletedEvent(String username, String actor, Instant at) {
}
