package io.bulwark.admin.cef;

import java.util.Map;

/**
 * Writes a {@link CefRecord} as one CEF:0 line, escaping exactly as the CEF Implementation Standard
 * says (the project's CEF notes, section 2):
 * <ul>
 * <li>header fields: backslash doubled, pipe escaped with a backslash, {@code =} as is; a line
 *     break cannot be escaped there and becomes a space (CRLF one space);</li>
 * <li>extension values: backslash doubled, {@code =} escaped, pipe as is, LF as {@code \n}, CR as
 *     {@code \r}, CRLF folded to one {@code \n};</li>
 * <li>everywhere: NUL dropped, other control characters (TAB, C0, DEL, C1) replaced by a space, so no
 *     raw CR, LF or NUL can reach the syslog line (CWE-117); values are stripped of leading and
 *     trailing spaces, which a CEF parser would not keep on the last key.</li>
 * </ul>
 * Lengths are the dictionary's, in characters, cut <em>before</em> escaping and never inside a
 * surrogate pair, so an escape or a character is never cut in half.
 *
 * <p>Our own code rather than a library: no CEF writer is among the project's available
 * dependencies, and the rules fit in this class. Stateless and thread-safe.
 */
public final class CefFormatter {
    /** Device Vendor. */
    public static final String VENDOR = "Bulwark";
    /** Device Product. */
    public static final String PRODUCT = "Bulwark";

    private static final int VENDOR_MAX = 63;
    private static final int PRODUCT_MAX = 63;
    private static final int VERSION_MAX = 31;
    private static final int CLASS_ID_MAX = 1023;
    private static final int NAME_MAX = 512;
    /** Longest value of a key the dictionary does not list (custom strings' limit). */
    private static final int DEFAULT_MAX = 4000;

    private final String deviceVersion;

    public CefFormatter(String deviceVersion) {
        this.deviceVersion = deviceVersion == null || deviceVersion.isBlank() ? "0" : deviceVersion;
    }

    /** The whole CEF line, without syslog header and without a line end. */
    public String format(CefRecord record) {
        StringBuilder out = new StringBuilder(256);
        out.append("CEF:0|");
        header(out, VENDOR, VENDOR_MAX);
        header(out, PRODUCT, PRODUCT_MAX);
        header(out, deviceVersion, VERSION_MAX);
        header(out, record.classId(), CLASS_ID_MAX);
        header(out, record.name(), NAME_MAX);
        out.append(record.severity()).append('|');
        boolean first = true;
        for (Map.Entry<String, String> e : record.extension().entrySet()) {
            String value = clean(e.getValue(), true).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(e.getKey()).append('=');
            escapeExtension(out, truncate(value, maxLength(e.getKey())));
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String value, int max) {
        String v = truncate(clean(value == null ? "" : value, false).strip(), max);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '|') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('|');
    }

    /**
     * Drops NUL and replaces control characters by a space; line breaks are kept (as LF) in
     * extension values, which escape them, and become a space in the header.
     */
    private static String clean(String value, boolean keepLineBreaks) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                continue; // CRLF folds into its LF
            }
            if (c == '\0') {
                continue;
            }
            if (c == '\n' || c == '\r') {
                out.append(keepLineBreaks ? c : ' ');
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void escapeExtension(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** The first {@code max} characters (code points), never splitting a surrogate pair. */
    static String truncate(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    /** The dictionary's length of a key (CEF Implementation Standard, chapter 2). */
    static int maxLength(String key) {
        return switch (key) {
            case "act", "outcome" -> 63;
            case "app", "proto" -> 31;
            case "externalId" -> 40;
            case "dvchost" -> 100;
            case "fileHash", "deviceExternalId" -> 255;
            case "msg", "reason", "request", "suser", "duser", "shost", "dhost", "fname", "fileType", "cat",
                    "deviceProcessName" -> 1023;
            default -> key.endsWith("Label") ? 1023 : DEFAULT_MAX;
        };
    }
}
