package io.bulwark.events.settings;

import java.util.Locale;

/**
 * Syntax of the domain names the settings hold (relay domains, transport map keys, next-hop
 * hosts): RFC 1035 section 2.3.1's letters-digits-hyphens labels as relaxed by RFC 1123 section 2.1
 * (a label may start with a digit), at most 63 octets a label and 253 a name, written without the
 * trailing dot; IDNs in their A-label ({@code xn--}) form. Only syntax: no DNS is asked. Stateless.
 */
public final class DomainNames {
    private DomainNames() {
    }

    /** Whether {@code name} is a syntactically valid host or domain name. */
    public static boolean isHostName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
            }
        }
        // an all-numeric last label is an IPv4 address written as a name, not a domain
        String last = n.substring(n.lastIndexOf('.') + 1);
        return !last.chars().allMatch(Character::isDigit);
    }

    /** Lower case, without the trailing dot of an absolute name. */
    public static String normalise(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
