package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import io.bulwark.events.Secret;
import java.time.Instant;

/** An account's password was changed. */
@EventRevision("1")
public record AdminPasswordChangedEvent(String username, @Secret String passwordHash, String actor, Instant at) {
}
