package io.bulwark.admin.antispam;

/** A list with the symbol, or asking the zone, exists already (REST: 409). */
public class DnsListTakenException extends IllegalArgumentException {
    public DnsListTakenException(String message) {
        super(message);
    }
}
