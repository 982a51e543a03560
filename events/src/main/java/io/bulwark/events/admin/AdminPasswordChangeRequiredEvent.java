package io.bulwark.events.admin;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * The account must choose a new password before doing anything else: its password was generated at
 * the first start, or set by another administrator ({@code reason} says which). Cleared by the
 * account's own next {@link AdminPasswordChangedEvent}.
 */
@EventRevision("1")
public record AdminPasswordChangeRequiredEvent(String username, String reason, String actor, Instant at) {
}
