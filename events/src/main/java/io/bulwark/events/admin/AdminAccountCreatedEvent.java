package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import io.bulwark.events.Secret;
import java.time.Instant;

/**
 * An account was created. {@code passwordHash} is a salted bcrypt hash (see docs/adr on why a hash,
 * not the password, may be stored in an event).
 */
@EventRevision("1")
public record AdminAccountCreatedEvent(String username, String role, @Secret String passwordHash, String actor,
        Instant at) {
}
