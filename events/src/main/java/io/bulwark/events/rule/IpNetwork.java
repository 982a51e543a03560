package io.bulwark.events.rule;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address or CIDR network ({@code 192.0.2.7}, {@code 192.0.2.0/24},
 * {@code 2001:db8::1}, {@code 2001:db8::/32}), compiled. Parsing never touches DNS: only literals
 * are accepted. IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.7}) are treated as the IPv4
 * address, so a rule for {@code 192.0.2.0/24} also matches a client seen on a dual-stack socket.
 * Host bits beyond the prefix are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). Immutable.
 */
public final class IpNetwork {
    private final String source;
    private final byte[] network;
    private final int prefix;

    private IpNetwork(String source, byte[] network, int prefix) {
        this.source = source;
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Compiles an address or network.
     *
     * @throws IllegalArgumentException with a message for the administrator when it is not valid
     */
    public static IpNetwork parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty IP address or network");
        }
        String s = text.strip();
        String addressPart = s;
        Integer prefix = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            addressPart = s.substring(0, slash);
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid prefix length in '" + s + "'");
            }
            prefix = Integer.parseInt(p);
        }
        byte[] bytes = literal(addressPart);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: '" + addressPart + "'");
        }
        int max = bytes.length * 8;
        if (prefix == null) {
            prefix = max;
        } else if (bytes.length == 4 && addressPart.indexOf(':') >= 0) {
            // an IPv4-mapped IPv6 network: its prefix counts the 96 mapping bits
            if (prefix < 96) {
                throw new IllegalArgumentException("prefix of an IPv4-mapped network must be at least 96: '" + s + "'");
            }
            prefix -= 96;
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + " in '" + s + "'");
        }
        return new IpNetwork(s, mask(bytes, prefix), prefix);
    }

    /** Whether the text is a valid address or network. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the text is one IP address literal (no prefix, no brackets). */
    public static boolean isAddress(String text) {
        return text != null && !text.isBlank() && literal(text.strip()) != null;
    }

    /** Whether the address (a literal, as the SMTP layer reports the client) is in this network. */
    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.regionMatches(true, 0, "IPv6:", 0, 5)) {
            a = a.substring(5);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        byte[] bytes = literal(a);
        return bytes != null && bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /** The network as written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    /** 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6, null when not a literal. */
    private static byte[] literal(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return ipv4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            // with a ':' in it, InetAddress parses an IPv6 literal and never resolves a name
            InetAddress a = InetAddress.getByName(s);
            if (a instanceof Inet4Address) {
                return a.getAddress();
            }
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            return mapped ? Arrays.copyOfRange(b, 12, 16) : b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
