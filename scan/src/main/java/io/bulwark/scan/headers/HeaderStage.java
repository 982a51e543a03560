package io.bulwark.scan.headers;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ScanResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The pipeline stage that writes the standard header fields from what checks contributed; checks
 * never touch the message (STYLE.md 13). A pure function of the scan results and the verdicts of
 * one recipient group:
 * <ul>
 *   <li>one {@code Authentication-Results} field (RFC 8601 2.2) with our authserv-id and every
 *       {@link HeaderContribution.AuthenticationResult}, in check order; incoming fields that claim
 *       our authserv-id are dropped (RFC 8601 5: a border MTA must remove them, or a downstream
 *       reader would trust a sender's forgery);</li>
 *   <li>each {@link HeaderContribution.Field} as is (e.g. {@code Received-SPF}, RFC 7208 9.1);</li>
 *   <li>when anti-spam ran, {@code X-Bulwark-Spam: rating=<0-100>; symbols=<NAME(score),...>};
 *       incoming fields of that name are dropped;</li>
 *   <li>when configured, the Exchange spam confidence level ({@link SpamConfidenceLevel}) under
 *       its configured name; incoming fields of that name are always dropped.</li>
 * </ul>
 * Nothing to write gives an empty stamp, so a message that no check has anything to say about is
 * stamped only with the status headers the decision adds.
 *
 * <p>Immutable and thread-safe.
 */
public final class HeaderStage {
    /** The anti-spam rating and symbols header. */
    public static final String SPAM_HEADER = "X-Bulwark-Spam";
    private static final String AUTHENTICATION_RESULTS = "Authentication-Results";
    /** RFC 2045 token characters, the form of a value that needs no quotes. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~]+");
    /** {@code [local-part@]domain}, which RFC 8601 2.2 allows unquoted as a property value. */
    private static final Pattern ADDRESS = Pattern.compile("([!#$%&'*+\\-./0-9A-Z^_`a-z{|}~]+@)?[0-9A-Za-z.\\-]+");

    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,76}");

    private final String authservId;
    private final String sclHeader;

    /**
     * @param authservId our authserv-id (RFC 8601 2.5), normally the host name
     *                   ({@code bulwark.scan.authserv-id})
     */
    public HeaderStage(String authservId) {
        this(authservId, null);
    }

    /**
     * @param authservId our authserv-id (RFC 8601 2.5)
     * @param sclHeader  the field to write the {@link SpamConfidenceLevel} to (normally
     *                   {@value SpamConfidenceLevel#EXCHANGE_HEADER}), or null for none; incoming
     *                   fields of that name are dropped, so a sender cannot set its own SCL
     */
    public HeaderStage(String authservId, String sclHeader) {
        if (authservId == null || authservId.isBlank() || !TOKEN.matcher(authservId).matches()) {
            throw new IllegalArgumentException("the authserv-id must be a token such as a host name: " + authservId);
        }
        if (sclHeader != null && !FIELD_NAME.matcher(sclHeader).matches()) {
            throw new IllegalArgumentException("not a header field name (RFC 5322 2.2): " + sclHeader);
        }
        this.authservId = authservId;
        this.sclHeader = sclHeader;
    }

    /** Our authserv-id. */
    public String authservId() {
        return authservId;
    }

    /** What to write on a copy delivered under {@code verdicts} (one recipient group's). */
    public HeaderStamp stamp(ScanResults results, List<ModuleVerdict> verdicts) {
        List<HeaderField> add = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<HeaderField> fields = new ArrayList<>();
        for (CheckRun run : results.runs()) {
            for (HeaderContribution c : run.result().headers()) {
                switch (c) {
                    case HeaderContribution.AuthenticationResult ar -> methods.add(method(ar));
                    case HeaderContribution.Field f -> fields.add(new HeaderField(f.name(), f.value()));
                }
            }
        }
        if (!methods.isEmpty()) {
            add.add(new HeaderField(AUTHENTICATION_RESULTS, authservId + "; " + String.join("; ", methods)));
        }
        add.addAll(fields);
        Set<String> replaced = new TreeSet<>();
        for (ModuleVerdict v : verdicts) {
            if (v.module() == ProtectionModule.ANTI_SPAM) {
                add.add(new HeaderField(SPAM_HEADER, spamValue(v)));
                replaced.add(SPAM_HEADER);
                if (sclHeader != null) {
                    SpamConfidenceLevel.of(v).ifPresent(scl -> add.add(new HeaderField(sclHeader, Integer.toString(scl))));
                }
            }
        }
        if (sclHeader != null) {
            replaced.add(sclHeader); // whether or not we write one: never pass on a sender's own SCL
        }
        return new HeaderStamp(add, authservId, replaced);
    }

    /** "rating=100; symbols=GTUBE(100)": the rating as a whole number, symbols by name with their scores. */
    static String spamValue(ModuleVerdict v) {
        List<String> symbols = new ArrayList<>();
        for (ScanSymbol s : v.symbols()) {
            symbols.add(s.name() + "(" + number(s.score()) + ")");
        }
        return "rating=" + number(v.score()) + "; symbols=" + String.join(",", symbols);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** One resinfo (RFC 8601 2.2): {@code method=result reason="..." ptype.property=value}. */
    static String method(HeaderContribution.AuthenticationResult ar) {
        StringBuilder sb = new StringBuilder(ar.method()).append('=').append(ar.result());
        if (!ar.reason().isEmpty()) {
            sb.append(" reason=").append(quoted(ar.reason()));
        }
        for (Map.Entry<String, String> p : ar.properties().entrySet()) {
            String value = p.getValue();
            sb.append(' ').append(p.getKey()).append('=')
                    .append(TOKEN.matcher(value).matches() || ADDRESS.matcher(value).matches() ? value : quoted(value));
        }
        return sb.toString();
    }

    private static String quoted(String text) {
        String clean = text.replaceAll("[\\r\\n]+", " ");
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Whether an {@code Authentication-Results} value claims the given authserv-id: its first item,
     * after comments and white space, up to white space (a version may follow) or ';', unquoted,
     * compared case-insensitively (host names are).
     */
    static boolean claims(String value, String authservId) {
        String v = stripComments(value).strip();
        String id;
        if (v.startsWith("\"")) {
            int end = v.indexOf('"', 1);
            id = end < 0 ? v.substring(1) : v.substring(1, end);
        } else {
            int end = 0;
            while (end < v.length() && !Character.isWhitespace(v.charAt(end)) && v.charAt(end) != ';') {
                end++;
            }
            id = v.substring(0, end);
        }
        return id.equalsIgnoreCase(authservId);
    }

    /** Drops RFC 5322 comments (nested, with quoted pairs), which may surround the authserv-id. */
    private static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (depth > 0 || quoted)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (!quoted && c == '(') {
                depth++;
                continue;
            }
            if (!quoted && c == ')' && depth > 0) {
                depth--;
                out.append(' ');
                continue;
            }
            if (depth == 0) {
                if (c == '"') {
                    quoted = !quoted;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
