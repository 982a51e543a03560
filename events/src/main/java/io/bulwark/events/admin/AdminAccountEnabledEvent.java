package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A disabled account was enabled again by {@code actor}. */
@EventRevision("1")
public record AdminAccountEnabledEvent(String username, String actor, Instant at) {
}
