package io.bulwark.admin.antispam;

/** A DNS list command whose content is invalid; the message names what is wrong (REST: 400). */
public class InvalidDnsListException extends IllegalArgumentException {
    public InvalidDnsListException(String message) {
        super(message);
    }
}
