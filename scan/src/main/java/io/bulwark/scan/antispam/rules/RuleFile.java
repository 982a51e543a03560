package io.bulwark.scan.antispam.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads Bulwark's anti-spam rule files (format in docs/antispam.md, "Rule files"): blocks that
 * start with {@code rule NAME} and hold one test line ({@code header}, {@code body}, {@code uri},
 * {@code eval} or {@code meta}), a {@code weight} and a {@code reason}. A line-oriented format of
 * our own rather than SpamAssassin's .cf so that every rule is one self-describing symbol with its
 * weight on the 0-100 rating scale, and a broken file names the line at start-up.
 *
 * <p>Stateless; {@link #parse} is thread-safe.
 */
public final class RuleFile {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern HEADER = Pattern.compile("([A-Za-z0-9-]+)\\s+(=~|!~)\\s+(/.*/[a-z]*)");
    private static final Pattern PRESENCE = Pattern.compile("([A-Za-z0-9-]+)\\s+(exists|missing)");

    private RuleFile() {
    }

    /** A broken rule file: the source and line say where. */
    public static final class RuleFileException extends IllegalArgumentException {
        RuleFileException(String source, int line, String message) {
            super(source + ":" + line + ": " + message);
        }
    }

    /** The starter rules that ship with Bulwark. */
    public static List<Rule> starter() {
        try (InputStream in = RuleFile.class.getResourceAsStream("starter.rules")) {
            return parse("starter.rules", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rules of one file, in order.
     *
     * @throws RuleFileException for a syntax error, an unknown eval, an unknown name in a meta
     *                           expression, or a rule defined twice
     */
    public static List<Rule> parse(String source, String text) {
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String name = null;
        Condition condition = null;
        Double weight = null;
        String reason = null;
        int start = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].strip() : "rule";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            String keyword = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1).strip();
            int lineNo = i + 1;
            switch (keyword) {
                case "rule" -> {
                    if (name != null) {
                        rules.add(finish(source, start, name, condition, weight, reason));
                    }
                    if (i == lines.length) {
                        break;
                    }
                    if (!NAME.matcher(rest).matches()) {
                        throw new RuleFileException(source, lineNo, "rule name must be upper case letters, digits"
                                + " and _: " + rest);
                    }
                    if (!names.add(rest)) {
                        throw new RuleFileException(source, lineNo, "rule " + rest + " is defined twice");
                    }
                    name = rest;
                    condition = null;
                    weight = null;
                    reason = null;
                    start = lineNo;
                }
                case "header", "body", "uri", "eval", "meta" -> {
                    if (name == null) {
                        throw new RuleFileException(source, lineNo, keyword + " outside a rule");
                    }
                    if (condition != null) {
                        throw new RuleFileException(source, lineNo, "rule " + name + " has a second test");
                    }
                    condition = condition(source, lineNo, keyword, rest, names);
                }
                case "weight" -> {
                    if (name == null) {
                        throw new RuleFileException(source, lineNo, "weight outside a rule");
                    }
                    try {
                        weight = Double.parseDouble(rest);
                    } catch (NumberFormatException e) {
                        throw new RuleFileException(source, lineNo, "weight is not a number: " + rest);
                    }
                    if (weight < -100 || weight > 100) {
                        throw new RuleFileException(source, lineNo, "weight must be within -100..100: " + rest);
                    }
                }
                case "reason" -> {
                    if (name == null) {
                        throw new RuleFileException(source, lineNo, "reason outside a rule");
                    }
                    reason = rest;
                }
                default -> throw new RuleFileException(source, lineNo, "unknown keyword " + keyword);
            }
        }
        return List.copyOf(rules);
    }

    private static Rule finish(String source, int line, String name, Condition condition, Double weight,
            String reason) {
        if (condition == null || weight == null || reason == null || reason.isEmpty()) {
            throw new RuleFileException(source, line, "rule " + name + " needs a test, a weight and a reason");
        }
        return new Rule(name, condition, weight, reason);
    }

    private static Condition condition(String source, int line, String keyword, String rest, Set<String> known) {
        switch (keyword) {
            case "header" -> {
                Matcher presence = PRESENCE.matcher(rest);
                if (presence.matches()) {
                    return new Condition.HeaderPresence(presence.group(1), presence.group(2).equals("exists"));
                }
                Matcher m = HEADER.matcher(rest);
                if (!m.matches()) {
                    throw new RuleFileException(source, line, "header test must be 'NAME =~ /re/', 'NAME !~ /re/',"
                            + " 'NAME exists' or 'NAME missing': " + rest);
                }
                return new Condition.Header(m.group(1), regex(source, line, m.group(3)), m.group(2).equals("!~"));
            }
            case "body" -> {
                return new Condition.Body(regex(source, line, rest));
            }
            case "uri" -> {
                return new Condition.Uri(regex(source, line, rest));
            }
            case "eval" -> {
                if (!Evals.names().contains(rest)) {
                    throw new RuleFileException(source, line, "no built-in test " + rest + "; known: "
                            + new java.util.TreeSet<>(Evals.names()));
                }
                return new Condition.Eval(rest);
            }
            default -> {
                try {
                    MetaParser parser = new MetaParser(rest, known);
                    return new Condition.Meta(rest, parser.parse());
                } catch (IllegalArgumentException e) {
                    throw new RuleFileException(source, line, e.getMessage());
                }
            }
        }
    }

    /** {@code /re/flags}; flags: i (case-insensitive), s (dot matches newline), m (multi-line). */
    private static Pattern regex(String source, int line, String literal) {
        int end = literal.lastIndexOf('/');
        if (!literal.startsWith("/") || end <= 0) {
            throw new RuleFileException(source, line, "expected /regular expression/flags: " + literal);
        }
        int flags = 0;
        for (char f : literal.substring(end + 1).toCharArray()) {
            flags |= switch (f) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 's' -> Pattern.DOTALL;
                case 'm' -> Pattern.MULTILINE;
                default -> throw new RuleFileException(source, line, "unknown regular expression flag " + f);
            };
        }
        try {
            return Pattern.compile(literal.substring(1, end), flags);
        } catch (PatternSyntaxException e) {
            throw new RuleFileException(source, line, "bad regular expression: " + e.getDescription());
        }
    }

    /** Recursive descent over {@code or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | atom}. */
    private static final class MetaParser {
        private final String text;
        private final Set<String> known;
        private int pos;

        MetaParser(String text, Set<String> known) {
            this.text = text;
            this.known = known;
        }

        Condition.Expr parse() {
            Condition.Expr e = or();
            skip();
            if (pos != text.length()) {
                throw new IllegalArgumentException("unexpected '" + text.substring(pos) + "' in meta expression");
            }
            return e;
        }

        private Condition.Expr or() {
            Condition.Expr left = and();
            while (take("||")) {
                left = new Condition.Expr.Both(left, and(), false);
            }
            return left;
        }

        private Condition.Expr and() {
            Condition.Expr left = unary();
            while (take("&&")) {
                left = new Condition.Expr.Both(left, unary(), true);
            }
            return left;
        }

        private Condition.Expr unary() {
            if (take("!")) {
                return new Condition.Expr.Not(unary());
            }
            if (take("(")) {
                Condition.Expr inner = or();
                if (!take(")")) {
                    throw new IllegalArgumentException("missing ')' in meta expression");
                }
                return inner;
            }
            skip();
            int begin = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(begin, pos);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("expected a rule name in meta expression at '"
                        + text.substring(begin) + "'");
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("meta refers to " + name + ", not defined above it");
            }
            return new Condition.Expr.Name(name);
        }

        private boolean take(String token) {
            skip();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private void skip() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}
