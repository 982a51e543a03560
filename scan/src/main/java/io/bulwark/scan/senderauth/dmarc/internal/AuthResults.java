package io.bulwark.scan.senderauth.dmarc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The method results of an {@code Authentication-Results} payload (RFC 8601 2.2), as an
 * {@code ARC-Authentication-Results} field carries them after {@code i=N;} (RFC 8617 4.1.1):
 * DMARC reads what a trusted ARC sealer saw. Comments are dropped, quoted strings kept whole;
 * the authserv-id (the first element) and {@code reason} are skipped; property names are lower
 * case, values as written (a quoted value unquoted).
 *
 * <p>A small reader of our own: mime4j and jDKIM have no Authentication-Results parser, and DMARC
 * needs only method, result and properties. Stateless.
 *
 * @param method     e.g. {@code dmarc}
 * @param result     e.g. {@code pass}, lower case
 * @param properties {@code ptype.property} to value, e.g. {@code header.from -> example.com}
 */
public record AuthResults(String method, String result, Map<String, String> properties) {

    public AuthResults {
        properties = Map.copyOf(properties);
    }

    /** The method results of a payload ({@code authserv-id; method=result ptype.prop=value; ...}). */
    public static List<AuthResults> parse(String payload) {
        List<AuthResults> results = new ArrayList<>();
        List<String> elements = split(stripComments(payload == null ? "" : payload));
        // the first element is the authserv-id (with an optional version), unless the payload
        // starts directly with a method result
        int first = !elements.isEmpty() && !elements.getFirst().contains("=") ? 1 : 0;
        for (String element : elements.subList(Math.min(first, elements.size()), elements.size())) {
            List<String> tokens = tokens(element.replaceAll("\\s*=\\s*", "="));
            if (tokens.isEmpty() || !tokens.getFirst().contains("=")) {
                continue;
            }
            String head = tokens.getFirst();
            int eq = head.indexOf('=');
            String method = head.substring(0, eq).toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            if (slash >= 0) {
                method = method.substring(0, slash); // method version, RFC 8601 2.2
            }
            String result = head.substring(eq + 1).toLowerCase(Locale.ROOT);
            Map<String, String> properties = new LinkedHashMap<>();
            for (String token : tokens.subList(1, tokens.size())) {
                int e = token.indexOf('=');
                if (e > 0 && token.substring(0, e).contains(".")) {
                    properties.putIfAbsent(token.substring(0, e).toLowerCase(Locale.ROOT), unquote(token.substring(e + 1)));
                }
            }
            results.add(new AuthResults(method, result, properties));
        }
        return results;
    }

    /** The domain part of a property value that may be an address ({@code user@example.com}), lower case. */
    public String domainOf(String property) {
        String value = properties.getOrDefault(property, "");
        int at = value.lastIndexOf('@');
        String domain = (at >= 0 ? value.substring(at + 1) : value).toLowerCase(Locale.ROOT);
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    private static String stripComments(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    out.append(' ');
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Splits on {@code ;} outside quoted strings; parts stripped, empty ones dropped. */
    private static List<String> split(String s) {
        return splitOutsideQuotes(s, c -> c == ';');
    }

    /** Splits on white space outside quoted strings. */
    private static List<String> tokens(String s) {
        return splitOutsideQuotes(s, Character::isWhitespace);
    }

    private static List<String> splitOutsideQuotes(String s, java.util.function.IntPredicate separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && separator.test(c)) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
