package io.bulwark.events.licence;

/** The installation's licence keys and recent notices; answered with a {@link LicenceView}. */
public record FindLicenceQuery() {
}
