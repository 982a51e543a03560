package io.bulwark.scan.antispam.bayes;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.ReceivedChain;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.message.text.Whitespace;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message into the distinct tokens the Bayes classifier counts, then into 64-bit hashes
 * (Murmur3, Guava) so the statistics and the training events never hold the words themselves.
 *
 * <p>What becomes a token (our choice, after the ideas SpamBayes published): words of the
 * rendered body (HTML as visible text) of 3 to 12 characters, lower case, with long words reduced
 * to their first letter and length class; link hosts and their parent domains plus path words;
 * the Subject's words (prefixed, case kept, since "FREE" and "free" differ in spam); the From
 * address, domain and display-name words; the count class of To/Cc; the mailer; the
 * Message-ID's domain; the content types of the parts and attachment file extensions; and the
 * presence of list and bulk headers.
 *
 * <p>Since {@code bulwark-2} also: the names of the header fields the sender's side wrote, a few
 * header values that mark mass mailers (priority fields, the transfer encoding, the Date's zone
 * style, whether the envelope sender's domain is the From domain), the HTML's element and
 * attribute names and the colours and sizes it sets ({@link MessageText#markup}), money amounts,
 * percentages, runs of exclamation marks and words in capitals as tokens of their own, and link
 * schemes, numeric link hosts and explicit ports. Received fields are left out on purpose: in a fixed corpus
 * the hosts that collected it would teach the classifier the corpus's history, not spam.
 * Fields a filter added ({@code X-Spam-*}, {@code X-Bulwark-*}) are never read, for the same
 * reason and so our own stamps cannot train us.
 *
 * <p>Since {@code bulwark-3} (ADR 0034): the <em>shape</em> of the relay hops outside the
 * non-public networks ({@link ReceivedChain}): how each greeted (a name without a dot, an address
 * literal, a name), whether the receiver found a reverse name and whether it looks like an
 * end-user line, whether greeting and reverse name agree, and how many such hops there were; never
 * the host names or addresses themselves, so the collector of a corpus (the same hops for spam and
 * ham) teaches nothing and an organisation's own relays cancel out. Also pairs of characters of
 * scripts written without spaces (Han, kana, Hangul, Thai), which whitespace splitting would turn
 * into one useless long word, and the character shape of the Message-ID's left part.
 *
 * <p>Stateless and thread-safe. Changing what it produces means a new {@link #NAME}.
 */
public final class Tokenizer {
    /** The tokenizer's name and version, carried by training events. */
    public static final String NAME = "bulwark-3";

    private static final HashFunction HASH = Hashing.murmur3_128(0x42756c77);
    private static final Pattern WORD_SPLIT = Pattern.compile("[\\s\u00a0]+");
    private static final Pattern TRIM = Pattern.compile("^[\\p{Punct}\\p{S}]+|[\\p{Punct}\\p{S}]+$");
    private static final Pattern ADDRESS = Pattern.compile("([^\\s<>\"(),;:@]+)@([A-Za-z0-9.-]+)");
    private static final Pattern SUBJECT_SPLIT = Pattern.compile("[\\s,;:.\"'()\\[\\]]+");
    /**
     * Fields written on the receiving side (by the collector of a corpus, or by us) rather than by
     * the sender: their names would teach the path a message took to its collector, not spam.
     */
    private static final Set<String> RECEIVER_FIELDS = Set.of("received", "delivered-to", "x-original-to",
            "envelope-to", "return-path", "authentication-results", "received-spf", "arc-authentication-results",
            "x-uidl", "status", "x-status", "x-keywords", "x-mozilla-status", "x-mozilla-status2", "content-length",
            "lines", "x-original-arrival-time");
    private static final Pattern MONEY = Pattern.compile("^\\$[\\d,.]*\\d");
    private static final Pattern PERCENT = Pattern.compile("\\d%$");
    private static final Pattern BANGS = Pattern.compile("!{2,}");
    private static final Pattern CAPS = Pattern.compile("[A-Z]{3,}");
    private static final Pattern ZONE_NUMERIC = Pattern.compile("[+-]\\d{4}\\s*(\\(.*\\))?$");
    /** The reverse name a Postfix/Sendmail-shaped "from" clause records: "(rdns [192.0.2.1])". */
    private static final Pattern RDNS = Pattern.compile("\\((?:[^\\s()@]+@)?([A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\s*\\[");
    /** Exim's shape: "from rdns ([192.0.2.1] helo=...)". */
    private static final Pattern RDNS_EXIM = Pattern.compile("^from\\s+([A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\s+\\(\\[",
            Pattern.CASE_INSENSITIVE);
    /** Reverse names of end-user lines: the address in the name, or the words ISPs use for them. */
    private static final Pattern DYNAMIC = Pattern.compile(
            "\\d{1,3}[-.x]\\d{1,3}[-.x]\\d{1,3}|(?:^|[.-])(?:dyn|dynamic|dsl|adsl|dial|dialup|dialin|ppp|cable|pool|dhcp"
                    + "|client|cust|user|host)\\d*(?:[.-]|$)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_HOPS = 4;
    private static final List<String> BULK_FIELDS = List.of("List-Unsubscribe", "List-Id", "Precedence",
            "X-Mailer", "User-Agent", "Reply-To", "MIME-Version", "X-Priority", "Organization");

    private Tokenizer() {
    }

    /** The distinct token hashes of a message. */
    public static long[] hashes(MessageView message) {
        return hashes(message, MessageText.of(message));
    }

    /** The distinct token hashes of a message whose text is already rendered (benchmarks render it anew). */
    public static long[] hashes(MessageView message, MessageText text) {
        return hash(tokens(message, text));
    }

    /** The distinct token hashes of strings. */
    public static long[] hash(Set<String> tokens) {
        long[] hashes = new long[tokens.size()];
        int i = 0;
        for (String t : tokens) {
            hashes[i++] = HASH.hashString(t, StandardCharsets.UTF_8).asLong();
        }
        return java.util.Arrays.stream(hashes).distinct().toArray();
    }

    /** The distinct token strings of a message (for tests and diagnosis; never stored). */
    public static Set<String> tokens(MessageView message, MessageText text) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String raw : WORD_SPLIT.split(text.text())) {
            word(raw, "", tokens);
            shape(raw, tokens);
            unspaced(raw, "", tokens);
        }
        relays(message, tokens);
        for (String m : text.markup()) {
            tokens.add("html:" + m);
        }
        for (HeaderField field : message.headers()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (!RECEIVER_FIELDS.contains(name) && !name.startsWith("x-spam") && !name.startsWith("x-bulwark")
                    && name.length() <= 40) {
                tokens.add("hdr:" + name);
            }
        }
        for (String field : List.of("X-Priority", "X-MSMail-Priority", "Importance", "Content-Transfer-Encoding")) {
            message.header(field).ifPresent(v -> tokens.add("hdrval:" + field.toLowerCase(Locale.ROOT) + ":"
                    + v.strip().toLowerCase(Locale.ROOT).replaceAll("\\s.*", "")));
        }
        message.header("Date").ifPresentOrElse(d -> tokens.add("date:zone:"
                        + (ZONE_NUMERIC.matcher(d.strip()).find() ? "numeric" : "other")),
                () -> tokens.add("date:none"));
        message.header("Return-Path").ifPresent(rp -> message.header("From").ifPresent(f -> {
            Matcher a = ADDRESS.matcher(rp);
            Matcher b = ADDRESS.matcher(f);
            if (a.find() && b.find()) {
                tokens.add("returnpath:" + (a.group(2).equalsIgnoreCase(b.group(2)) ? "same" : "other"));
            }
        }));
        for (String url : text.urls()) {
            int scheme = url.indexOf("://");
            tokens.add("proto:" + (scheme > 0 ? url.substring(0, Math.min(scheme, 10)).toLowerCase(Locale.ROOT) : "none"));
            MessageText.host(url).ifPresent(h -> {
                if (h.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                    tokens.add("url:numeric-host");
                }
            });
            if (scheme > 0 && url.indexOf(':', scheme + 3) > 0 && url.indexOf(':', scheme + 3) < url.indexOf('/',
                    scheme + 3)) {
                tokens.add("url:port");
            }
        }
        for (String host : text.hosts()) {
            String[] labels = host.split("\\.");
            for (int i = 0; i < labels.length - 1; i++) {
                tokens.add("url:" + String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length)));
            }
        }
        for (String url : text.urls()) {
            int slash = url.indexOf('/', url.indexOf("//") + 2);
            if (slash > 0 && url.indexOf("//") > 0) {
                for (String piece : url.substring(slash + 1).split("[/?&=#._-]+")) {
                    if (piece.length() >= 3 && piece.length() <= 20) {
                        tokens.add("urlpath:" + piece.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        message.header("Subject").ifPresent(s -> {
            for (String w : SUBJECT_SPLIT.split(s)) {
                if (!w.isEmpty() && w.length() <= 20) {
                    tokens.add("subject:" + w);
                }
                unspaced(w, "subject:", tokens);
            }
        });
        message.header("From").ifPresent(f -> {
            Matcher m = ADDRESS.matcher(f);
            if (m.find()) {
                tokens.add("from:addr:" + m.group().toLowerCase(Locale.ROOT));
                tokens.add("from:domain:" + m.group(2).toLowerCase(Locale.ROOT));
                int at = f.indexOf(m.group());
                for (String w : SUBJECT_SPLIT.split(f.substring(0, Math.max(0, at)))) {
                    if (!w.isEmpty() && !w.equals("<")) {
                        tokens.add("from:name:" + w.toLowerCase(Locale.ROOT));
                    }
                }
            } else {
                tokens.add("from:no-address");
            }
        });
        int recipients = 0;
        for (String field : List.of("To", "Cc")) {
            for (HeaderField h : message.headers(field)) {
                recipients += (int) ADDRESS.matcher(h.value()).results().count();
            }
        }
        tokens.add("recipients:" + (recipients <= 2 ? String.valueOf(recipients) : recipients <= 10 ? "few" : "many"));
        message.header("Message-ID").ifPresentOrElse(id -> {
            Matcher m = ADDRESS.matcher(id);
            tokens.add(m.find() ? "msgid:" + m.group(2).toLowerCase(Locale.ROOT).replaceAll(">$", "") : "msgid:odd");
            if (m.find(0)) {
                tokens.add("msgidshape:" + charShape(m.group(1).replaceAll("^<", "")));
            }
        }, () -> tokens.add("msgid:none"));
        for (String field : BULK_FIELDS) {
            List<HeaderField> present = message.headers(field);
            tokens.add("has:" + field.toLowerCase(Locale.ROOT) + ":" + !present.isEmpty());
        }
        message.header("X-Mailer").or(() -> message.header("User-Agent")).ifPresent(m ->
                tokens.add("mailer:" + m.toLowerCase(Locale.ROOT).replaceAll("[\\d.]+", "#").strip()));
        message.header("Content-Type").ifPresent(ct -> tokens.add("ctype:" + ct.toLowerCase(Locale.ROOT)
                .replaceAll(";.*", "").strip()));
        for (MessagePart part : message.parts()) {
            tokens.add("part:" + part.contentType());
            if (part.charset() != null) {
                tokens.add("charset:" + part.charset().toLowerCase(Locale.ROOT));
            }
            if (part.filename() != null) {
                int dot = part.filename().lastIndexOf('.');
                tokens.add("fileext:" + (dot < 0 ? "" : part.filename().substring(dot + 1).toLowerCase(Locale.ROOT)));
            }
        }
        return tokens;
    }

    /**
     * The relay hops outside the non-public networks, newest first, as shapes (see the class
     * comment). A hop's index among them is kept only as "first" or "deeper": the first is the host
     * that handed the message over, the deeper ones are what it claims came before.
     */
    private static void relays(MessageView message, Set<String> tokens) {
        List<HeaderField> fields = message.headers("Received");
        int untrusted = 0;
        for (ReceivedChain.Hop hop : ReceivedChain.hops(message)) {
            if (TrustedNetworks.none().contains(hop.address())) {
                continue;
            }
            if (untrusted == MAX_HOPS) {
                break;
            }
            String where = untrusted++ == 0 ? "rcvd1:" : "rcvdn:";
            String helo = hop.helo();
            String heloClass = helo.isEmpty() ? "none" : helo.startsWith("[") || helo.chars().allMatch(c -> c == '.'
                    || Character.isDigit(c)) ? "literal" : helo.indexOf('.') < 0 ? "nodot" : "name";
            tokens.add(where + "helo:" + heloClass);
            String value = Whitespace.collapse(fields.get(hop.index()).value());
            Matcher m = RDNS.matcher(value);
            String rdns = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
            if (rdns == null) {
                Matcher e = RDNS_EXIM.matcher(value);
                rdns = e.find() ? e.group(1).toLowerCase(Locale.ROOT) : null;
            }
            if (rdns == null) {
                tokens.add(where + "rdns:none");
            } else {
                tokens.add(where + "rdns:" + (DYNAMIC.matcher(rdns).find() ? "dynamic" : "name"));
                if (heloClass.equals("name")) {
                    tokens.add(where + "helo-rdns:" + (lastLabels(helo).equals(lastLabels(rdns)) ? "same" : "other"));
                }
            }
        }
        tokens.add("rcvd:untrusted:" + untrusted);
    }

    private static String lastLabels(String host) {
        String[] labels = host.split("\\.");
        return labels.length < 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** Letters as a or A, digits as 9, runs collapsed, the rest kept: "3D6C1A2B.5@" -> "9A9A9A.9". */
    private static String charShape(String s) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < s.length() && shape.length() < 16; i++) {
            char c = s.charAt(i);
            char k = Character.isDigit(c) ? '9' : Character.isUpperCase(c) ? 'A' : Character.isLetter(c) ? 'a' : c;
            if (shape.isEmpty() || shape.charAt(shape.length() - 1) != k) {
                shape.append(k);
            }
        }
        return shape + ":" + (s.length() < 10 ? "short" : s.length() < 25 ? "mid" : "long");
    }

    /** Pairs of characters of scripts written without spaces, at most 40 per word. */
    private static void unspaced(String raw, String prefix, Set<String> tokens) {
        int added = 0;
        for (int i = 0; i + 1 < raw.length() && added < 40; i++) {
            if (unspacedScript(raw.charAt(i)) && unspacedScript(raw.charAt(i + 1))) {
                tokens.add(prefix + "cjk:" + raw.substring(i, i + 2));
                added++;
            }
        }
    }

    private static boolean unspacedScript(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || script == Character.UnicodeScript.THAI;
    }

    /** Money, percentages, exclamation runs and capitals: what trimming and lower-casing would lose. */
    private static void shape(String raw, Set<String> tokens) {
        if (MONEY.matcher(raw).find()) {
            String digits = raw.replaceAll("[^\\d.]", "").replaceAll("\\..*", "");
            tokens.add("money:" + Math.min(digits.length(), 7));
        }
        if (PERCENT.matcher(raw).find()) {
            tokens.add("percent");
        }
        if (BANGS.matcher(raw).find()) {
            tokens.add("bangs");
        }
        String letters = TRIM.matcher(raw).replaceAll("");
        if (letters.length() >= 3 && letters.length() <= 12 && CAPS.matcher(letters).matches()) {
            tokens.add("caps:" + letters);
        }
    }

    private static void word(String raw, String prefix, Set<String> tokens) {
        String w = TRIM.matcher(raw).replaceAll("");
        if (w.isEmpty()) {
            return;
        }
        if (w.indexOf('@') > 0) {
            Matcher m = ADDRESS.matcher(w);
            if (m.find()) {
                tokens.add(prefix + "email:" + m.group(2).toLowerCase(Locale.ROOT));
                return;
            }
        }
        int n = w.length();
        if (n < 3) {
            return;
        }
        if (n > 12) {
            tokens.add(prefix + "skip:" + Character.toLowerCase(w.charAt(0)) + ":" + (n / 10 * 10));
            return;
        }
        tokens.add(prefix + w.toLowerCase(Locale.ROOT));
    }
}
