package io.bulwark.events.licence;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/** A licence number was put on the deny list. Fields as in {@link BlockLicenceKeyCommand}. */
@EventRevision("1")
public record LicenceKeyBlockedEvent(String licenceNumber, String reason, String actor, Instant at) {
}
