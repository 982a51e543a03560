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
     * Parses {@code [host]:port}, {@code [host]}, {@code host:port} or {@code host}, optionally
     * with Postfix's {@code smtp:} transport prefix; an IPv6 literal must be bracketed.
     *
     * @param defaultPort the port when none is written
     * @throws IllegalArgumentException if the text is empty or the port is not a number in range
     */
    public static Route parse(String text, int defaultPort) {
        String s = text.trim();
        if (s.regionMatches(true, 0, "smtp:", 0, 5)) {
            s = s.substring(5);
        }
        String host;
        String portText = null;
        boolean mx;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in next hop " + text);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("bad next hop " + text);
                }
                portText = rest.substring(1);
            }
            mx = false;
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                portText = s.substring(colon + 1);
            } else {
                host = s;
            }
            mx = true;
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host in next hop " + text);
        }
        int port = defaultPort;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in next hop " + text, e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in next hop " + text);
            }
        }
        return new Route(host, port, mx);
    }

    /** Postfix notation, also the grouping key: recipients with equal routes share a transaction. */
    @Override
    public String toString() {
        return mxLookup ? host + ":" + port : "[" + host + "]:" + port;
    }
}
