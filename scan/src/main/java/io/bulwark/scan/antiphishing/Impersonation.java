package io.bulwark.scan.antiphishing;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small value types of the impersonation check: a person whose name must not come from outside,
 * and an RFC 5322 mailbox split into display name and address.
 */
public final class Impersonation {
    private Impersonation() {
    }

    /**
     * An executive or internal user whose display name is protected.
     *
     * @param name      the name as people write it ("Jane Doe")
     * @param addresses the addresses they really write from (lower case); mail from these is never
     *                  an impersonation
     */
    public record Person(String name, Set<String> addresses) {
        public Person {
            addresses = addresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(
                    java.util.stream.Collectors.toUnmodifiableSet());
        }

        /**
         * Reads {@code Jane Doe <jane.doe@corp.example>} or {@code Jane Doe}; several addresses
         * may be given separated by {@code ;} inside the brackets.
         */
        public static Person parse(String entry) {
            String s = entry.strip();
            int lt = s.indexOf('<');
            if (lt < 0) {
                return new Person(s, Set.of());
            }
            int gt = s.indexOf('>', lt);
            String inner = s.substring(lt + 1, gt < 0 ? s.length() : gt);
            return new Person(s.substring(0, lt).strip(), Set.copyOf(Arrays.stream(inner.split(";"))
                    .map(String::strip).filter(a -> !a.isEmpty()).toList()));
        }

        /** The name's words, normalised ({@link #words}). */
        Set<String> words() {
            return Impersonation.words(name);
        }
    }

    /**
     * A mailbox of a From or Reply-To field.
     *
     * @param displayName the phrase before the address, unquoted; empty when none
     * @param address     the address, lower case
     */
    public record Mailbox(String displayName, String address) {
        private static final Pattern ANGLE = Pattern.compile("^(.*?)<\\s*([^<>\\s]+@[^<>\\s]+)\\s*>");
        private static final Pattern BARE = Pattern.compile("([^\\s<>(),;:\"]+@[^\\s<>(),;:\"]+)");

        /** The domain of the address, lower case; empty when the address has none. */
        public String domain() {
            int at = address.lastIndexOf('@');
            return at < 0 ? "" : address.substring(at + 1);
        }

        /** Reads the first mailbox of a decoded address field. */
        public static Optional<Mailbox> parse(String field) {
            if (field == null) {
                return Optional.empty();
            }
            Matcher m = ANGLE.matcher(field.strip());
            if (m.find()) {
                String name = m.group(1).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\\\"", "\"");
                }
                return Optional.of(new Mailbox(name.strip(), m.group(2).toLowerCase(Locale.ROOT)));
            }
            Matcher b = BARE.matcher(field);
            if (b.find()) {
                String rest = field.replace(b.group(1), "").strip();
                String comment = rest.startsWith("(") && rest.endsWith(")") ? rest.substring(1, rest.length() - 1) : "";
                return Optional.of(new Mailbox(comment.strip(), b.group(1).toLowerCase(Locale.ROOT)));
            }
            return Optional.empty();
        }

        /** An address written inside the display name ({@code "ceo@corp.example" <x@free.example>}). */
        public Optional<String> addressInName() {
            Matcher b = BARE.matcher(displayName);
            while (b.find()) {
                String a = b.group(1).toLowerCase(Locale.ROOT);
                if (a.substring(a.lastIndexOf('@') + 1).contains(".")) {
                    return Optional.of(a); // a full address; "hyatt@mozilla" names no domain
                }
            }
            return Optional.empty();
        }
    }

    /** Words of a name: NFKC, case folded, letters and digits only, order ignored. */
    static Set<String> words(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Set<String> out = new TreeSet<>();
        for (String w : n.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Built-in free-mail domains (a short list of the largest providers). */
    static final List<String> FREEMAIL = List.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com",
            "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
            "mail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "yandex.ru", "yandex.com", "mail.ru", "proton.me",
            "protonmail.com", "zoho.com", "qq.com", "163.com", "126.com", "laposte.net", "orange.fr", "libero.it");
}
