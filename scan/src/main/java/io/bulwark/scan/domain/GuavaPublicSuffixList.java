package io.bulwark.scan.domain;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link PublicSuffixList} on Guava's {@link InternetDomainName}, whose copy of the list (ICANN
 * and private sections, wildcard and exception rules) ships inside the Guava jar: no file to
 * fetch or refresh at run time; the list is as current as the Guava version.
 *
 * <p>Names are turned into A-labels first with {@link IDN#toASCII} (IDNA 2003: the deviation
 * characters ß, ς, ZWJ and ZWNJ are mapped the transitional way, e.g. {@code faß.de} becomes
 * {@code fass.de}); Guava knows the suffixes in both forms, so U-labels and A-labels agree.
 * Where Guava finds no rule, the list's default rule {@code *} applies: the last label is the
 * public suffix.
 *
 * <p>Stateless and thread-safe.
 */
public final class GuavaPublicSuffixList implements PublicSuffixList {

    static final GuavaPublicSuffixList INSTANCE = new GuavaPublicSuffixList();
    private static final int MAX_NAME = 253;

    private GuavaPublicSuffixList() {
    }

    @Override
    public Optional<String> publicSuffix(String hostName) {
        return split(hostName).map(Split::suffix);
    }

    @Override
    public Optional<String> registrableDomain(String hostName) {
        return split(hostName).flatMap(Split::registrable);
    }

    /** A valid host name's labels and how many of the last ones are its public suffix. */
    private record Split(List<String> labels, int suffixLabels) {
        String suffix() {
            return String.join(".", labels.subList(labels.size() - suffixLabels, labels.size()));
        }

        Optional<String> registrable() {
            return labels.size() > suffixLabels
                    ? Optional.of(String.join(".", labels.subList(labels.size() - suffixLabels - 1, labels.size())))
                    : Optional.empty();
        }
    }

    private static Optional<Split> split(String hostName) {
        String ascii = asciiHostName(hostName);
        if (ascii == null) {
            return Optional.empty();
        }
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int suffixLabels = name.hasPublicSuffix() ? name.publicSuffix().parts().size() : 1;
        return Optional.of(new Split(name.parts(), suffixLabels));
    }

    /** Lower-case A-labels without the trailing dot, or null for what is not a host name. */
    private static String asciiHostName(String hostName) {
        if (hostName == null) {
            return null;
        }
        String s = hostName.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        // Address literals ("[192.0.2.1]", "[IPv6:2001:db8::1]", RFC 5321 4.1.3) and bare addresses
        // name no domain; checked before IDN, which would accept "192.0.2.1" as four labels.
        if (s.isEmpty() || s.endsWith(".") || s.startsWith("[") || InetAddresses.isInetAddress(s)) {
            return null;
        }
        String ascii;
        try {
            // Rejects empty labels and labels over 63 octets; maps the IDN dots (U+3002 ...) to '.'
            ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return ascii.isEmpty() || ascii.length() > MAX_NAME ? null : ascii;
    }
}
