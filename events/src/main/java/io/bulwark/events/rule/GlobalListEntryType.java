package io.bulwark.events.rule;

/** What a global list entry is matched against. */
public enum GlobalListEntryType {
    /** An {@link AddressPattern} (address mask, domain mask or {@code re:} regex) on the envelope sender. */
    ADDRESS,
    /** An {@link IpNetwork} on the SMTP client's address. */
    IP_NETWORK
}
