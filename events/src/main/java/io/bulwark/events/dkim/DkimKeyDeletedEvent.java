package io.bulwark.events.dkim;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A DKIM key was retired and deleted; its sealed private key is removed. */
@EventRevision("1")
public record DkimKeyDeletedEvent(String keyId, String domain, String selector, String actor, Instant at) {
}
