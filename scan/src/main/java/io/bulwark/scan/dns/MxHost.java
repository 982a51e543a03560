package io.bulwark.scan.dns;

/**
 * One MX record (RFC 5321 5.1).
 *
 * @param preference lower is preferred
 * @param host       the exchange, absolute, lower case, without trailing dot; the empty string for
 *                   the root, i.e. an RFC 7505 null MX ("0 .")
 */
public record MxHost(int preference, String host) {
    /** True for the RFC 7505 null MX target ("."): the domain accepts no mail. */
    public boolean isNullMx() {
        return host.isEmpty();
    }
}
