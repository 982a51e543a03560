package io.bulwark.admin.antispam;

/** No custom DNS list has the symbol (REST: 404). */
public class UnknownDnsListException extends IllegalArgumentException {
    public UnknownDnsListException(String symbol) {
        super("No DNS list with the symbol '" + symbol + "'");
    }
}
