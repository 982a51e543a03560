package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** An account was disabled by {@code actor}: it cannot sign in until enabled again. */
@EventRevision("1")
public record AdminAccountDisabledEvent(String username, String actor, Instant at) {
}
