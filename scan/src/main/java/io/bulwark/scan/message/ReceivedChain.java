package io.bulwark.scan.message;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay hops a message's {@code Received} fields record (RFC 5321 4.4), newest first, as far
 * as they can be read: the connecting host's address and the name it gave in HELO. Read from the
 * "from" clause in the shapes the common MTAs write:
 * <ul>
 *   <li>Postfix, Sendmail, Bulwark: {@code from helo.name (rdns.name [192.0.2.1])};</li>
 *   <li>Exim: {@code from rdns.name ([192.0.2.1] helo=helo.name)} or {@code from [192.0.2.1]
 *       (helo=helo.name)};</li>
 *   <li>Exchange: {@code from helo.name (192.0.2.1) by ...}; IPv6 as {@code [IPv6:2001:db8::1]}
 *       or bare.</li>
 * </ul>
 * Only the fields above a hop the reader trusts are believable (anyone can write Received fields
 * into a message before sending it), which is why {@link #firstUntrusted} stops at the first hop
 * outside {@link TrustedNetworks}. No library for this exists that is worth a dependency
 * (SpamAssassin's parser is Perl; mime4j does not parse trace fields), hence this class.
 */
public final class ReceivedChain {
    private static final Pattern BRACKETED = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]+)\\]");
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([0-9A-Fa-f:.]+)\\)");
    private static final Pattern HELO = Pattern.compile("helo[= ]([^\\s)\\];]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BY = Pattern.compile("\\s+by\\s+", Pattern.CASE_INSENSITIVE);

    /**
     * One hop.
     *
     * @param address the connecting host's address, a literal without brackets
     * @param helo    the name it gave in HELO/EHLO, as recorded; empty when not recorded
     * @param index   0 for the topmost Received field
     */
    public record Hop(String address, String helo, int index) {
    }

    private ReceivedChain() {
    }

    /** The hops in order, newest first; a field whose "from" clause names no address ends the list. */
    public static List<Hop> hops(MessageView message) {
        List<Hop> hops = new ArrayList<>();
        List<HeaderField> fields = message.headers("Received");
        for (int i = 0; i < fields.size(); i++) {
            Optional<Hop> hop = parse(fields.get(i).value(), i);
            if (hop.isEmpty()) {
                break;
            }
            hops.add(hop.get());
        }
        return hops;
    }

    /**
     * The first hop, from the top, whose connecting host is not trusted: the Internet host that
     * handed the message to the organisation's edge. Empty when every readable hop is trusted
     * (mail from inside) or the chain becomes unreadable before an untrusted hop.
     */
    public static Optional<Hop> firstUntrusted(MessageView message, TrustedNetworks trusted) {
        for (Hop hop : hops(message)) {
            if (!trusted.contains(hop.address())) {
                return Optional.of(hop);
            }
        }
        return Optional.empty();
    }

    /** One field's hop, if its "from" clause can be read. */
    static Optional<Hop> parse(String value, int index) {
        String v = value.replaceAll("\\s+", " ").strip();
        if (!v.regionMatches(true, 0, "from ", 0, 5)) {
            return Optional.empty();
        }
        String clause = v.substring(5);
        Matcher by = BY.matcher(clause);
        if (by.find()) {
            clause = clause.substring(0, by.start());
        }
        String first = clause.split("[\\s(]", 2)[0];
        String rest = clause.substring(first.length());
        // The address the receiving MTA saw is in the comment after the HELO name (Postfix,
        // Sendmail, Exim with rDNS, ours). The first token is the client's own claim and may be a
        // literal it chose, so it counts only in Exim's shape without rDNS: "from [ip] (helo=...)".
        String address = firstMatch(BRACKETED, rest);
        if (address == null && first.startsWith("[") && HELO.matcher(rest).find()) {
            address = firstMatch(BRACKETED, first);
        }
        if (address == null) {
            address = firstMatch(PARENTHESISED, rest); // Exchange, qmail: "(192.0.2.1)"
        }
        if (address == null) {
            return Optional.empty();
        }
        Matcher helo = HELO.matcher(clause);
        String name = helo.find() ? helo.group(1) : first.startsWith("[") ? "" : first;
        if (name.equalsIgnoreCase("unknown")) {
            name = "";
        }
        return Optional.of(new Hop(address, name.toLowerCase(Locale.ROOT), index));
    }

    private static String firstMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String literal = literal(m.group(1));
            if (literal != null) {
                return literal;
            }
        }
        return null;
    }

    private static String literal(String text) {
        return InetAddresses.isInetAddress(text) ? InetAddresses.toAddrString(InetAddresses.forString(text)) : null;
    }
}
