package io.bulwark.scan.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Names built from addresses for DNS list queries: the one home for reversing an address, used
 * by the anti-spam block lists and anti-phishing's link reputation (and anything that asks a
 * DNSBL-style zone next).
 */
public final class DnsNames {

    private DnsNames() {
    }

    /** The reversed form of an address as RFC 5782 2.1 (IPv4 octets) and 2.4 (IPv6 nibbles) ask it. */
    public static String reversed(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                sb.append(bytes[i] & 0xff).append(i == 0 ? "" : ".");
            }
            return sb.toString();
        }
        for (int i = bytes.length - 1; i >= 0; i--) {
            sb.append(Integer.toHexString(bytes[i] & 0x0f)).append('.')
                    .append(Integer.toHexString((bytes[i] >> 4) & 0x0f));
            if (i > 0) {
                sb.append('.');
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
