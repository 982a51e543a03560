package io.bulwark.events.licence;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A licence number was taken off the deny list. */
@EventRevision("1")
public record LicenceKeyUnblockedEvent(String licenceNumber, String actor, Instant at) {
}
