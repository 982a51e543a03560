package io.bulwark.events.settings;

/**
 * A next hop in Postfix's notation, the one parser of it for the gateway (which delivers to it) and
 * the admin side (which refuses a setting it cannot parse): {@code [host]:port}, {@code [host]},
 * {@code host:port} or {@code host}, optionally behind Postfix's {@code smtp:} transport prefix; an
 * IPv6 literal must be bracketed. Brackets mean "connect to this host's addresses", no brackets
 * "look up its MX records" (Postfix {@code relayhost} and {@code transport(5)}).
 *
 * @param host     host name or address literal, without brackets
 * @param port     TCP port, or the default when none was written
 * @param mxLookup true to look up the MX records of {@code host}
 */
public record NextHop(String host, int port, boolean mxLookup) {

    /**
     * @param defaultPort the port when none is written
     * @throws IllegalArgumentException naming what is wrong: empty, a missing bracket, a port that is
     *                                  not a number in 1..65535, a host that is neither a domain name
     *                                  nor an address literal
     */
    public static NextHop parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty next hop");
        }
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
                    throw new IllegalArgumentException("bad next hop " + text + ": expected ':port' after ']'");
                }
                portText = rest.substring(1);
            }
            mx = false;
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                portText = s.substring(colon + 1);
            } else if (colon >= 0) {
                throw new IllegalArgumentException("bad next hop " + text + ": an IPv6 address must be bracketed");
            } else {
                host = s;
            }
            mx = true;
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host in next hop " + text);
        }
        // '_' is no host name character (RFC 1123), but container and cluster service names use it
        if (!DomainNames.isHostName(host.replace('_', '-')) && !io.bulwark.events.rule.IpNetwork.isAddress(host)) {
            throw new IllegalArgumentException("bad next hop " + text + ": '" + host
                    + "' is neither a host name nor an IP address");
        }
        int port = defaultPort;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad port in next hop " + text);
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in next hop " + text);
            }
        }
        return new NextHop(host, port, mx);
    }

    /** Postfix notation with the port written out. */
    @Override
    public String toString() {
        return mxLookup ? host + ":" + port : "[" + host + "]:" + port;
    }
}
