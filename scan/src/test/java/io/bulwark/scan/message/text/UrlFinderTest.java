package io.bulwark.scan.message.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.message.text.UrlFinder.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The finder finds what the engines' regular expressions found (ADR 0040): the expressions are kept
 * here, as they stood in {@code MessageText} and {@code LinkExtractor}, as the reference, and both
 * are run over a table of tricky inputs and over generated strings built from the characters that
 * matter.
 */
class UrlFinderTest {
    /** {@code MessageText.URL} before ADR 0040, with its trimming. */
    private static final Pattern TEXT = Pattern.compile("(?i)\\b(?:https?://|www\\.)[a-z0-9][^\\s<>\"'()\\[\\]{}]*");
    private static final String TEXT_TRAILING = ".,;:!?";
    /** {@code LinkExtractor.BARE} before ADR 0040, with its trimming. */
    private static final Pattern LINKS = Pattern.compile(
            "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`{}|\\\\^\\[\\]]+");
    private static final String LINKS_TRAILING = ".,;:!?)>'\"";

    static List<String> reference(String text, Dialect dialect) {
        Pattern pattern = dialect == Dialect.TEXT ? TEXT : LINKS;
        String trailing = dialect == Dialect.TEXT ? TEXT_TRAILING : LINKS_TRAILING;
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String url = m.group();
            while (!url.isEmpty() && trailing.indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
            }
            found.add(url);
        }
        return found;
    }

    static String referenceFirstUntrimmed(String text) {
        Matcher m = TEXT.matcher(text);
        return m.find() ? m.group() : null;
    }

    static Stream<Arguments> tricky() {
        return Stream.of(
                Arguments.of("plain", "see https://example.com/a?b=c now", List.of("https://example.com/a?b=c")),
                Arguments.of("sentence end", "Go to www.example.com.", List.of("www.example.com")),
                Arguments.of("punctuation run", "(http://a.example/x), and http://b.example!?", null),
                Arguments.of("uppercase scheme", "HTTPS://EXAMPLE.COM/X HtTp://Mixed.Example", null),
                Arguments.of("www without scheme", "WWW.Shout.example and wWw.mixed.example", null),
                Arguments.of("word before", "xhttp://no.example _www.no.example 9www.no.example", null),
                Arguments.of("brackets", "[http://a.example/x] {www.b.example} <https://c.example>", null),
                Arguments.of("quotes", "\"http://a.example/\" 'www.b.example' `http://c.example`", null),
                Arguments.of("entities left as text", "http&#58;//a.example &lt;http://b.example&gt;", null),
                Arguments.of("IDN", "https://bücher.example/straße www.пример.испытание", null),
                Arguments.of("IDN first", "http://ñ.example www.ü.example", null),
                Arguments.of("non-breaking space", "http://a.example\u00a0next http://b.example\u2003x", null),
                Arguments.of("combining mark before", "e\u0301http://a.example \u0301www.b.example", null),
                Arguments.of("digit mark before", "7\u0301www.a.example x\u0301\u0302http://b.example", null),
                Arguments.of("supplementary before", "\uD834\uDD67http://a.example \uD83D\uDE00www.b.example", null),
                Arguments.of("back to back", "http://a.example,http://b.example https://c.examplehttp://d.example", null),
                Arguments.of("empty after prefix", "http:// www. http://- www.-x ftp:// ftp://x.example", null),
                Arguments.of("wwww", "wwww.example.com www.www.example.com ww.example.com", null),
                Arguments.of("scheme inside word", "hhttp://a.example ahttps://b.example s://c", null),
                Arguments.of("kelvin and long s", "\u212Aww.a.example htt\u017F://b.example", null),
                Arguments.of("pipes and carets", "http://a.example/|b^c\\d http://e.example/`f", null),
                Arguments.of("parentheses", "(see http://a.example/wiki/X_(y)) www.b.example)", null),
                Arguments.of("trailing quote and gt", "http://a.example/'> http://b.example/\"", null),
                Arguments.of("newlines", "http://a.example\r\nwww.b.example\tftp://c.example\u000bx", null),
                Arguments.of("at the very end", "www.a", List.of("www.a")),
                Arguments.of("dots only", "www.. http://.. ...", null),
                Arguments.of("underscore", "_http://a.example http://_b.example", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricky")
    void findsWhatTheExpressionsFound(String name, String text, List<String> expectedText) {
        for (Dialect dialect : Dialect.values()) {
            assertThat(UrlFinder.find(text, dialect)).as(dialect + " in " + text).isEqualTo(reference(text, dialect));
        }
        assertThat(UrlFinder.firstUntrimmed(text, Dialect.TEXT)).isEqualTo(referenceFirstUntrimmed(text));
        if (expectedText != null) {
            assertThat(UrlFinder.find(text, Dialect.TEXT)).isEqualTo(expectedText);
        }
    }

    @Test
    void findsWhatTheExpressionsFoundInGeneratedStrings() {
        String[] pieces = {"http", "HTTP", "https", "HtTpS", "ftp", "FTP", "://", ":/", "www", "WWW", "wWw", ".",
            "w", "h", "s", "p", ":", "/", "a", "Z", "0", "_", "-", " ", "\t", "\r\n", "\u000b", "<", ">", "\"", "'",
            "`", "(", ")", "[", "]", "{", "}", "|", "\\", "^", ",", ";", "!", "?", "é", "e\u0301", "\u0301",
            "\u00a0", "\u212a", "\u017f", "\uD83D\uDE00", "\uD834\uDD67", "ü", "例"};
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(1, 24);
            for (int k = 0; k < length; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            for (Dialect dialect : Dialect.values()) {
                assertThat(UrlFinder.find(s, dialect)).as(dialect + " in <" + s + ">").isEqualTo(reference(s, dialect));
            }
            assertThat(UrlFinder.firstUntrimmed(s, Dialect.TEXT)).as(s).isEqualTo(referenceFirstUntrimmed(s));
        }
    }

    @Test
    void collapsesWhitespaceAsTheExpressionDid() {
        Pattern whitespace = Pattern.compile("\\s+");
        String[] samples = {"", " ", "  a  b\t\tc\r\n", "\u2003 a\u00a0 b \u2003", "\u000b\fx\u000b", "a\u0085b",
            "\n\n\u3000mid\u3000\n"};
        for (String s : samples) {
            assertThat(Whitespace.collapse(s)).as(s).isEqualTo(whitespace.matcher(s).replaceAll(" ").strip());
        }
        SplittableRandom random = new SplittableRandom(40);
        String chars = " \t\n\u000b\f\r\u00a0\u2003\u0085\u3000ab";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                b.append(chars.charAt(random.nextInt(chars.length())));
            }
            String s = b.toString();
            assertThat(Whitespace.collapse(s)).as(s).isEqualTo(whitespace.matcher(s).replaceAll(" ").strip());
        }
    }
}
