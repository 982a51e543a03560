package io.bulwark.gateway.routing;

import java.net.InetAddress;
import java.util.Arrays;
import org.xbill.DNS.Address;

/**
 * One network block in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single
 * address without a prefix length), as used by {@code bulwark.routing.mynetworks}.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) are matched as the IPv4 address they
 * carry, because a dual-stack listener reports IPv4 clients that way. Host bits set in the network
 * part are ignored (Postfix does the same, with a warning), so {@code 10.1.2.3/8} means
 * {@code 10.0.0.0/8}. Parsing never does a DNS lookup: only literals are accepted.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code address[/prefix]}; IPv6 may be written in Postfix style {@code [2001:db8::]/32}.
     *
     * @throws IllegalArgumentException if the text is not an address literal or the prefix is out of
     *                                  range
     */
    public static Cidr parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        if (addressPart.startsWith("[") && addressPart.endsWith("]")) {
            addressPart = addressPart.substring(1, addressPart.length() - 1);
        }
        byte[] bytes = literal(addressPart);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address literal: " + cidr);
        }
        bytes = unmapIpv4(bytes);
        int maxBits = bytes.length * 8;
        int prefix;
        if (slash < 0) {
            prefix = maxBits;
        } else {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + cidr, e);
            }
            // A mapped IPv6 block (::ffff:10.0.0.0/104) becomes the IPv4 block it stands for.
            if (maxBits == 32 && literal(addressPart).length == 16) {
                prefix -= 96;
            }
        }
        if (prefix < 0 || prefix > maxBits) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        return new Cidr(mask(bytes, prefix), prefix, s);
    }

    /** Whether {@code address} lies in this block; an address of the other family never does. */
    public boolean contains(InetAddress address) {
        byte[] candidate = unmapIpv4(address.getAddress());
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String text) {
        byte[] v4 = Address.toByteArray(text, Address.IPv4);
        return v4 != null ? v4 : Address.toByteArray(text, Address.IPv6);
    }

    private static byte[] unmapIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return bytes;
        }
        return Arrays.copyOfRange(bytes, 12, 16);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bitsHere)));
        }
        return out;
    }
}
