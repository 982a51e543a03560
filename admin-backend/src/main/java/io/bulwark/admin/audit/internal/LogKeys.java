package io.bulwark.admin.audit.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys a log row is found by in a {@link BucketedLog}: exact field values ({@code type=Login})
 * and, for text search, the prefixes of the words of its text. Stateless.
 *
 * <p>Text search matches words by their beginning: the text "pass chan" finds "password changed".
 * A word is a run of letters and digits; so "10.0.0.5" is the words 10, 0, 0, 5 and a query for
 * "10.0.0.5" looks for all four. Prefixes are indexed up to {@value #MAX_PREFIX} characters; a
 * longer query word is looked up by its first {@value #MAX_PREFIX} characters.
 */
public final class LogKeys {

    /** Longest indexed word prefix. */
    public static final int MAX_PREFIX = 16;
    private static final String WORD = "w=";

    private LogKeys() {
    }

    /** The key of an exact field value, ignoring case; null values have none. */
    public static String exact(String field, String value) {
        return value == null || value.isBlank() ? null : field + "=" + value.strip().toLowerCase(Locale.ROOT);
    }

    /** The keys of every prefix of every word of the texts (nulls ignored). */
    public static Set<String> wordPrefixes(String... texts) {
        Set<String> keys = new LinkedHashSet<>();
        for (String text : texts) {
            for (String word : words(text)) {
                for (int length = 1; length <= Math.min(word.length(), MAX_PREFIX); length++) {
                    keys.add(WORD + word.substring(0, length));
                }
            }
        }
        return keys;
    }

    /** The keys a text query needs, one per word: every one must be present. */
    public static List<String> queryWords(String text) {
        return words(text).stream()
                .map(word -> WORD + word.substring(0, Math.min(word.length(), MAX_PREFIX)))
                .distinct()
                .toList();
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
