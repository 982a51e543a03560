package io.bulwark.scan.antiphishing.links;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One link target as a browser would read it, normalised for judging: scheme and host in lower
 * case, the host in ASCII (IDNA, RFC 5891, through {@link IDN}) and in Unicode, an IPv4 address
 * however it was written (decimal {@code 3232235777}, hex {@code 0xC0.0xA8.1.1}, octal), userinfo
 * kept apart so that {@code https://bank.example@evil.test/} is read as a link to
 * {@code evil.test}.
 *
 * <p>Why our own parser and not {@link java.net.URI}: mail links are written by attackers, and a
 * strict RFC 3986 parser refuses exactly the forms browsers still follow (backslashes, spaces and
 * tabs inside, percent-encoded host names, numeric hosts). The parsing follows the parts of the
 * WHATWG URL standard that decide where a link goes (the host); path and query are kept as
 * written.
 *
 * <p>Immutable.
 *
 * @param raw         the link as it was written (after HTML entity decoding)
 * @param scheme      lower case, e.g. {@code https}, {@code mailto}, {@code data}; empty when none
 * @param userinfo    what stood before the last {@code @} of the authority, percent-decoded; empty
 *                    when none
 * @param host        the host in ASCII lower case without a trailing dot (IDNA A-labels), an IPv4
 *                    address in dotted decimal, an IPv6 address without brackets; empty for
 *                    schemes without a host ({@code mailto:}, {@code data:}, {@code javascript:})
 * @param unicodeHost the host with A-labels turned back into Unicode (U-labels)
 * @param ip          whether the host is an IP address literal (in whatever notation)
 * @param numericForm whether that IP address was written in a form other than dotted decimal
 * @param path        the path as written (may be empty)
 * @param query       the query without the {@code ?}, as written (may be empty)
 */
public record WebAddress(String raw, String scheme, String userinfo, String host, String unicodeHost, boolean ip,
        boolean numericForm, String path, String query) {

    // Compiled once: String.matches and replaceAll compile their pattern on every call, which was
    // 3 % of the appliance's allocation in issue 19's steady-state profile (a few links per message).
    private static final Pattern TABS_AND_LINE_BREAKS = Pattern.compile("[\\t\\r\\n]");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern QUERY_SEPARATORS = Pattern.compile("[&;]");
    private static final Pattern HOST_NAME_CHARACTERS = Pattern.compile("[a-z0-9_.\\-]+");

    /** Whether the link goes to a web host (http, https, ftp, or scheme-relative). */
    public boolean web() {
        return !host.isEmpty() && (scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp")
                || scheme.isEmpty());
    }

    /** Whether any host label is an IDNA A-label ({@code xn--}). */
    public boolean punycode() {
        for (String label : host.split("\\.")) {
            if (label.startsWith("xn--")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The web addresses written in the query's values (a redirector's or tracker's target, e.g.
     * {@code ?u=http%3A%2F%2Fbank.example%2F}), each percent-decoded once.
     */
    public List<WebAddress> embedded() {
        List<WebAddress> found = new ArrayList<>();
        if (query.isEmpty()) {
            return found;
        }
        for (String pair : QUERY_SEPARATORS.split(query)) {
            int eq = pair.indexOf('=');
            String value = percentDecode(eq < 0 ? pair : pair.substring(eq + 1), true);
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                parse(value).filter(WebAddress::web).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * Reads a link. Empty when it names no scheme and no host that could be followed (a relative
     * path, a fragment) or when it is not a link at all.
     */
    public static Optional<WebAddress> parse(String written) {
        if (written == null) {
            return Optional.empty();
        }
        // Browsers drop leading/trailing C0 controls and spaces, and every tab and line break inside.
        String s = written.strip();
        if (s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            s = TABS_AND_LINE_BREAKS.matcher(s).replaceAll("");
        }
        if (s.isEmpty() || s.length() > 8192) {
            return Optional.empty();
        }
        String scheme = "";
        int colon = s.indexOf(':');
        if (colon > 0 && SCHEME.matcher(s).region(0, colon).matches()) {
            scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            s = s.substring(colon + 1);
        } else if (s.regionMatches(true, 0, "www.", 0, 4)) {
            scheme = "http";
            s = "//" + s;
        } else if (!s.startsWith("//") && !s.startsWith("\\\\")) {
            return Optional.empty();
        }
        boolean special = scheme.isEmpty() || scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp");
        if (!special) {
            return Optional.of(new WebAddress(written, scheme, "", "", "", false, false, s, ""));
        }
        s = s.replace('\\', '/');
        // http:evil.test and http:/evil.test are followed as http://evil.test by browsers
        int slashes = 0;
        while (slashes < s.length() && s.charAt(slashes) == '/') {
            slashes++;
        }
        s = s.substring(slashes);
        int end = indexOfAny(s, "/?#");
        String authority = end < 0 ? s : s.substring(0, end);
        String rest = end < 0 ? "" : s.substring(end);
        String userinfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userinfo = percentDecode(authority.substring(0, at), false);
            authority = authority.substring(at + 1);
        }
        String hostPort = authority;
        String hostText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            hostText = hostPort.substring(1, close).toLowerCase(Locale.ROOT);
            return Optional.of(build(written, scheme, userinfo, hostText, hostText, true, false, rest));
        }
        int portColon = hostPort.lastIndexOf(':');
        hostText = portColon >= 0 ? hostPort.substring(0, portColon) : hostPort;
        hostText = percentDecode(hostText, false);
        // full-width and other dots that IDNA maps to "." (RFC 3490 3.1)
        hostText = hostText.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        while (hostText.endsWith(".")) {
            hostText = hostText.substring(0, hostText.length() - 1);
        }
        if (hostText.isEmpty()) {
            return Optional.empty();
        }
        String ipv4 = ipv4(hostText);
        if (ipv4 != null) {
            return Optional.of(build(written, scheme, userinfo, ipv4, ipv4, true, !ipv4.equals(hostText), rest));
        }
        String[] forms = hostForms(hostText);
        String ascii = forms[0];
        String unicode = forms[1];
        if (!HOST_NAME_CHARACTERS.matcher(ascii).matches() && ascii.equals(unicode)) {
            // characters no host name may have (quotes, spaces): not a link a browser follows
            if (ascii.chars().anyMatch(c -> c <= ' ' || "\"'<>{}|^`".indexOf(c) >= 0)) {
                return Optional.empty();
            }
        }
        return Optional.of(build(written, scheme, userinfo, ascii, unicode, false, false, rest));
    }

    /**
     * The host in ASCII (A-labels) and in Unicode, both lower case. A host of ASCII characters
     * without an A-label comes out of IDNA as it went in: {@link IDN} leaves all-ASCII labels alone
     * and decodes only {@code xn--} labels, and what it refuses (a label over 63 characters, an
     * empty one) is kept as written below, so either way the answer is the host in lower case.
     * Such hosts, nearly all of them, skip the two IDN calls; {@code WebAddressTest} checks the
     * shortcut against IDNA on random ASCII hosts.
     */
    static String[] hostForms(String hostText) {
        if (asciiWithoutALabel(hostText)) {
            String lower = hostText.toLowerCase(Locale.ROOT);
            return new String[] {lower, lower};
        }
        return idnaForms(hostText);
    }

    /** {@link #hostForms} through IDNA, for every host. */
    static String[] idnaForms(String hostText) {
        try {
            String ascii = IDN.toASCII(hostText, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return new String[] {ascii, IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT)};
        } catch (IllegalArgumentException e) {
            // not a valid IDN: keep it as written, lower case; still judged as a host
            String lower = hostText.toLowerCase(Locale.ROOT);
            return new String[] {lower, lower};
        }
    }

    /** One pass, no copy: every character ASCII, no label starting with {@code xn--} in any case. */
    private static boolean asciiWithoutALabel(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80
                    || (i == 0 || host.charAt(i - 1) == '.') && host.regionMatches(true, i, "xn--", 0, 4)) {
                return false;
            }
        }
        return true;
    }

    private static WebAddress build(String raw, String scheme, String userinfo, String host, String unicode,
            boolean ip, boolean numeric, String rest) {
        int hash = rest.indexOf('#');
        String noFragment = hash < 0 ? rest : rest.substring(0, hash);
        int q = noFragment.indexOf('?');
        String path = q < 0 ? noFragment : noFragment.substring(0, q);
        String query = q < 0 ? "" : noFragment.substring(q + 1);
        return new WebAddress(raw, scheme, userinfo, host, unicode, ip, numeric, path, query);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The IPv4 address a host stands for in dotted decimal, or null: one to four parts, each
     * decimal, {@code 0x} hex or {@code 0}-prefixed octal, the last filling the remaining bytes
     * (WHATWG URL, "IPv4 parser"), so {@code 3232235777} and {@code 0300.0250.1.1} are 192.168.1.1.
     */
    static String ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            int radix = 10;
            if (p.startsWith("0x")) {
                radix = 16;
                p = p.substring(2);
                if (p.isEmpty()) {
                    p = "0";
                }
            } else if (p.length() > 1 && p.startsWith("0")) {
                radix = 8;
                p = p.substring(1);
            }
            if (p.isEmpty() || p.length() > 12 || !digits(p, radix)) {
                return null;
            }
            try {
                numbers[i] = Long.parseLong(p, radix);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                return null;
            }
        }
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) {
            return null;
        }
        long value = last;
        for (int i = 0; i < numbers.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    /**
     * Whether every character is a digit of the radix: checked before parsing because nearly every
     * host is a name, and a parse that fails throws, which cost five exceptions per message with a
     * stack trace each (issue 19's profile).
     */
    private static boolean digits(String p, int radix) {
        for (int i = 0; i < p.length(); i++) {
            if (Character.digit(p.charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Percent-decoding (RFC 3986 2.1) as UTF-8; malformed escapes are kept as written.
     *
     * @param plusIsSpace whether {@code +} stands for a space (form-encoded query values)
     */
    public static String percentDecode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
                continue;
            }
            if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
