package io.bulwark.admin.support;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

/**
 * Search-box filters shared by the read models (message tracking, queue view): "contains this
 * text, ignoring case", written so that MongoDB's PCRE and the embedded server's Java regex read it
 * the same way. Stateless.
 */
public final class TextFilters {
    private TextFilters() {
    }

    /** Whether a query parameter was given. */
    public static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Documents whose {@code field} (or any element of it) contains {@code text}, ignoring case. */
    public static Bson containsIgnoringCase(String field, String text) {
        return Filters.regex(field, literal(text), "i");
    }

    /**
     * A regular expression matching the literal text anywhere. Every ASCII non-alphanumeric character
     * is escaped individually (unlike {@code \Q...\E}, which the two engines treat differently).
     */
    static String literal(String text) {
        StringBuilder regex = new StringBuilder();
        text.strip().codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c) && c < 128) {
                regex.append('\\');
            }
            regex.appendCodePoint(c);
        });
        return regex.toString();
    }
}
