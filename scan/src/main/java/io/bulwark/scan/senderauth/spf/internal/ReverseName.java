package io.bulwark.scan.senderauth.spf.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the address back out of a reverse-mapping name ({@code 4.3.2.1.in-addr.arpa}, RFC 1035
 * 3.5; {@code b.a.9.8...ip6.arpa}, RFC 3596 2.5). jSPF asks PTR questions by name while
 * {@link io.bulwark.scan.dns.DnsLookup#ptr} takes the address, so the name is turned back.
 * Stateless.
 */
public final class ReverseName {
    private static final String V4 = ".in-addr.arpa";
    private static final String V6 = ".ip6.arpa";

    private ReverseName() {
    }

    /** The address named, or empty when the name is not a complete reverse name. */
    public static Optional<InetAddress> address(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            if (n.endsWith(V4)) {
                String[] labels = n.substring(0, n.length() - V4.length()).split("\\.", -1);
                if (labels.length != 4) {
                    return Optional.empty();
                }
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(labels[3 - i]);
                    if (octet < 0 || octet > 255 || labels[3 - i].length() > 3) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (n.endsWith(V6)) {
                String[] nibbles = n.substring(0, n.length() - V6.length()).split("\\.", -1);
                if (nibbles.length != 32) {
                    return Optional.empty();
                }
                byte[] bytes = new byte[16];
                for (int i = 0; i < 32; i++) {
                    String nibble = nibbles[31 - i];
                    if (nibble.length() != 1 || Character.digit(nibble.charAt(0), 16) < 0) {
                        return Optional.empty();
                    }
                    bytes[i / 2] |= (byte) (Character.digit(nibble.charAt(0), 16) << (i % 2 == 0 ? 4 : 0));
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
        } catch (NumberFormatException | UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
