package io.bulwark.gateway.routing;

/**
 * Where to send mail for a recipient domain, in Postfix's notation.
 *
 * @param host      host name or address literal
 * @param port      TCP port
 * @param mxLookup  true to look up the MX records of {@code host} (Postfix {@code host}), false to
 *                  connect to its addresses directly (Postfix {@code [host]})
 */
public record Route(String host, int port, boolean mxLookup) {

    /**
     * Parses Postfix's next-hop notation ({@link io.bulwark.events.settings.NextHop}, the one parser
     * the admin side validates with too).
     *
     * @param defaultPort the port when none is written
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Route parse(String text, int defaultPort) {
        io.bulwark.events.settings.NextHop hop = io.bulwark.events.settings.NextHop.parse(text, defaultPort);
        return new Route(hop.host(), hop.port(), hop.mxLookup());
    }

    /** Postfix notation, also the grouping key: recipients with equal routes share a transaction. */
    @Override
    public String toString() {
        return mxLookup ? host + ":" + port : "[" + host + "]:" + port;
    }
}
