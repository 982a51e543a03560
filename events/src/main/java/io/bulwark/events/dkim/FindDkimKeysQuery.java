package io.bulwark.events.dkim;

/** Every DKIM key, by domain then newest first; answered with {@link DkimKeyView}s. */
public record FindDkimKeysQuery() {
}
