package io.bulwark.scan.antispam.rules;

import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.ReceivedChain;
import io.bulwark.scan.message.text.Whitespace;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in tests a rule file reaches with {@code eval NAME}: facts a regular expression cannot
 * express (ratios, comparisons between fields, dates, the trust boundary of the Received chain).
 * Each is a pure function of the {@link RuleInput}; stateless and thread-safe. The list and each
 * test's meaning are in docs/antispam.md.
 */
public final class Evals {
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:@]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern IP_LITERAL = Pattern.compile("\\[?(?:IPv6:)?[0-9A-Fa-f:.]+\\]?");
    private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");

    private static final Map<String, Predicate<RuleInput>> TESTS = Map.ofEntries(
            Map.entry("subject_all_caps", in -> in.message().header("Subject")
                    .map(s -> capsShare(s, 10) >= 0.9).orElse(false)),
            Map.entry("body_mostly_caps", in -> capsShare(in.text().text(), 200) >= 0.6),
            Map.entry("html_only", in -> in.text().htmlParts() > 0 && in.text().plainParts() == 0),
            Map.entry("html_little_text", in -> in.text().htmlParts() > 0 && in.text().htmlTextLength() < 200),
            Map.entry("image_only", in -> in.text().images() > 0 && in.text().text().length() < 100),
            Map.entry("anchor_text_mismatch", in -> !in.text().anchorMismatch().isEmpty()),
            Map.entry("from_replyto_mismatch", Evals::fromReplyToMismatch),
            Map.entry("from_name_has_other_address", Evals::fromNameHasOtherAddress),
            Map.entry("date_in_future", in -> dateSkew(in).map(d -> d.compareTo(Duration.ofHours(6)) > 0)
                    .orElse(false)),
            Map.entry("date_in_past", in -> dateSkew(in).map(d -> d.compareTo(Duration.ofDays(-4)) < 0)
                    .orElse(false)),
            Map.entry("date_malformed", in -> in.message().header("Date")
                    .map(d -> parseDate(d).isEmpty()).orElse(false)),
            Map.entry("forged_outlook_mailer", Evals::forgedOutlook),
            Map.entry("helo_not_fqdn", in -> untrustedHelo(in)
                    .map(h -> !h.isEmpty() && h.indexOf('.') < 0 && !IP_LITERAL.matcher(h).matches())
                    .orElse(false)),
            Map.entry("helo_ip_literal_mismatch", Evals::heloLiteralMismatch));

    private Evals() {
    }

    /** The names of the built-in tests. */
    public static Set<String> names() {
        return TESTS.keySet();
    }

    static boolean run(String name, RuleInput input) {
        Predicate<RuleInput> test = TESTS.get(name);
        if (test == null) {
            throw new IllegalArgumentException("no built-in test " + name);
        }
        return test.test(input);
    }

    /** Share of upper-case letters, or 0 below {@code minLetters} letters. */
    static double capsShare(String s, int minLetters) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                // ASCII, most of a body: the same answer as the Character calls below, without them,
                // and without branches on the letters (mixed case mispredicts them)
                int folded = c | 0x20;
                int letter = (folded - 'a') >>> 31 ^ (folded - 'z' - 1) >>> 31; // 1 for 'a' <= folded <= 'z'
                letters += letter;
                upper += letter & (c - 'a') >>> 31; // a letter below 'a' is upper case
            } else if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters < minLetters ? 0 : (double) upper / letters;
    }

    private static Optional<String> domainOf(String headerValue) {
        Matcher m = ADDRESS.matcher(headerValue);
        String domain = null;
        while (m.find()) {
            domain = m.group(1).toLowerCase(Locale.ROOT);
        }
        return Optional.ofNullable(domain);
    }

    private static String organisational(RuleInput in, String domain) {
        return in.suffixes().registrableDomain(domain).orElse(domain);
    }

    private static boolean fromReplyToMismatch(RuleInput in) {
        Optional<String> from = in.message().header("From").flatMap(Evals::domainOf);
        Optional<String> replyTo = in.message().header("Reply-To").flatMap(Evals::domainOf);
        return from.isPresent() && replyTo.isPresent()
                && !organisational(in, from.get()).equals(organisational(in, replyTo.get()));
    }

    private static boolean fromNameHasOtherAddress(RuleInput in) {
        Optional<String> value = in.message().header("From");
        if (value.isEmpty()) {
            return false;
        }
        String v = value.get();
        int lt = v.lastIndexOf('<');
        if (lt <= 0) {
            return false;
        }
        Optional<String> shown = domainOf(v.substring(0, lt));
        Optional<String> real = domainOf(v.substring(lt));
        return shown.isPresent() && real.isPresent()
                && !organisational(in, shown.get()).equals(organisational(in, real.get()));
    }

    private static boolean forgedOutlook(RuleInput in) {
        String mailer = in.message().header("X-Mailer").orElse("");
        if (!mailer.contains("Microsoft Outlook") || mailer.contains("Express")) {
            return false;
        }
        // Outlook proper writes Thread-Index and a Message-ID with its own shape; bulk tools
        // that borrow its X-Mailer rarely do both.
        String messageId = in.message().header("Message-ID").orElse("");
        return in.message().headers("Thread-Index").isEmpty() && !messageId.contains("$");
    }

    private static Optional<String> untrustedHelo(RuleInput in) {
        return ReceivedChain.firstUntrusted(in.message(), in.trusted()).map(ReceivedChain.Hop::helo);
    }

    private static boolean heloLiteralMismatch(RuleInput in) {
        return ReceivedChain.firstUntrusted(in.message(), in.trusted()).map(hop -> {
            String helo = hop.helo();
            // ReceivedChain keeps a literal HELO as recorded, with or without its closing bracket
            String literal = helo.replace("[", "").replace("]", "").replaceFirst("(?i)^IPv6:", "");
            if (!helo.startsWith("[") || !com.google.common.net.InetAddresses.isInetAddress(literal)) {
                return false;
            }
            return !com.google.common.net.InetAddresses.forString(literal).getHostAddress()
                    .equals(com.google.common.net.InetAddresses.forString(hop.address()).getHostAddress());
        }).orElse(false);
    }

    /** Date minus the newest Received field's time stamp, when both can be read. */
    private static Optional<Duration> dateSkew(RuleInput in) {
        Optional<ZonedDateTime> date = in.message().header("Date").flatMap(Evals::parseDate);
        List<HeaderField> received = in.message().headers("Received");
        if (date.isEmpty() || received.isEmpty()) {
            return Optional.empty();
        }
        String top = received.getFirst().value();
        int semi = top.lastIndexOf(';');
        if (semi < 0) {
            return Optional.empty();
        }
        return parseDate(top.substring(semi + 1)).map(r -> Duration.between(r, date.get()));
    }

    /** An RFC 5322 3.3 date-time, comments and a missing day name tolerated. */
    static Optional<ZonedDateTime> parseDate(String value) {
        // no expressions compiled per call (String.replaceFirst compiled nine per date, five dates
        // per message: the profile's Evals.parseDate); same text as before, EvalsTest compares
        String v = Whitespace.collapse(value.indexOf('(') < 0 ? value : COMMENT.matcher(value).replaceAll(" "));
        if (v.length() > 4 && v.charAt(3) == ',') {
            v = v.substring(4).strip();
        }
        v = numericZone(v);
        try {
            return Optional.of(ZonedDateTime.parse(v, DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** RFC 5322 4.3 obsolete zones: UT/GMT and the North American ones, as offsets. */
    private static final String[][] OBSOLETE_ZONES = {{" UT", " +0000"}, {" GMT", " +0000"}, {" EST", " -0500"},
        {" EDT", " -0400"}, {" CST", " -0600"}, {" CDT", " -0500"}, {" MST", " -0700"}, {" MDT", " -0600"},
        {" PST", " -0800"}, {" PDT", " -0700"}};

    /**
     * The date with an obsolete zone name at its end written as an offset. The text is stripped, so
     * a zone name can only stand at the very end, where {@code $} found it before; at most one
     * replacement applies, as each leaves digits at the end.
     */
    static String numericZone(String v) {
        for (String[] zone : OBSOLETE_ZONES) {
            if (v.endsWith(zone[0])) {
                return v.substring(0, v.length() - zone[0].length()) + zone[1];
            }
        }
        return v;
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy H:mm[:ss] xx", Locale.ROOT);
}
