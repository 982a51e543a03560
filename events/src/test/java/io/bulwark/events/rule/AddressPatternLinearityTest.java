package io.bulwark.events.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Admin-supplied patterns meet sender-chosen addresses: matching must never backtrack. The
 * timeouts below are hang guards, not measurements (a backtracking engine needs hours or more for
 * these inputs; the linear one needs microseconds; numbers are in the bench module).
 */
class AddressPatternLinearityTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*a*a*a*a*a*a*a*b", "*a*a*a*a*a*a*a*b@*", "?*?*?*?*?*?*?*?*b", "*a?a*a?a*a?a*a*a*c"})
    void masksWithManyStarsAnswerAtOnceOnHostileAddresses(String mask) {
        AddressPattern pattern = AddressPattern.parse(mask);
        String hostile = "a".repeat(120) + "@" + "a".repeat(120);
        boolean matched = assertTimeoutPreemptively(HANG_GUARD, () -> pattern.matches(hostile));
        assertThat(matched).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"re:(a+)+$", "re:(a|a)*b", "re:(a*)*b", "re:(.*a){12}b", "re:(\\w+\\.?)+@x"})
    void catastrophicRegexesRunOnTheLinearEngine(String regex) {
        AddressPattern pattern = AddressPattern.parse(regex);
        String hostile = "a".repeat(200) + "!@aaaa";
        boolean matched = assertTimeoutPreemptively(HANG_GUARD, () -> pattern.matches(hostile));
        assertThat(matched).isFalse();
    }

    @Test
    void theGlobMatcherAgreesWithARegexTranslationOnRandomMasks() {
        Random random = new Random(18);
        char[] maskAlphabet = {'a', 'b', 'A', '*', '?', '.'};
        char[] textAlphabet = {'a', 'b', 'B', '.'};
        for (int round = 0; round < 20_000; round++) {
            String mask = randomString(random, maskAlphabet, 7);
            String text = randomString(random, textAlphabet, 9);
            boolean expected = Pattern.compile(reference(mask), Pattern.CASE_INSENSITIVE).matcher(text).matches();
            assertThat(GlobMask.compile(mask).matches(text))
                    .as("mask '%s' on '%s'", mask, text).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "re:(a)\\1@x.org       | backreferences are not supported",
            "re:(?=a).*@x.org      | unsupported Perl syntax",
            "re:(?<!a)b@x.org      | lookbehind is not supported",
            "re:a*+@x.org          | invalid nested repetition",
            "re:(?>a+)@x.org       | unsupported Perl syntax",
            "re:a{1001}            | invalid repeat count",
            "re:((a{100}){100}){9} | too complex"})
    void regexConstructsTheLinearEngineCannotRunAreRefusedWithAReason(String regex, String reason) {
        assertThatThrownBy(() -> AddressPattern.parse(regex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not accepted").hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("RE2 syntax", "instructions"));
    }

    @Test
    void addressesBeyondTheSmtpPathLimitMatchNothing() {
        String local = "a".repeat(64);
        String longest = local + "@" + "b".repeat(256 - 65);
        assertThat(longest).hasSize(256);
        assertThat(AddressPattern.parse("*").matches(longest)).isTrue();
        assertThat(AddressPattern.parse("re:.*").matches(longest)).isTrue();
        assertThat(AddressPattern.parse("*").matches(longest + "b")).isFalse();
        assertThat(AddressPattern.parse("b*").matches(longest + "b")).isFalse();
        // octets, not characters: 200 two-octet characters are 400 octets
        assertThat(AddressPattern.parse("*").matches("\u00e9".repeat(200) + "@x.org")).isFalse();
    }

    @Test
    void caseIsIgnoredOnBothSidesOfAMask() {
        assertThat(AddressPattern.parse("J?HN@*.Example.COM").matches("john@mail.example.com")).isTrue();
        assertThat(AddressPattern.parse("*@\u00c9cole.fr").matches("x@\u00e9COLE.FR")).isTrue();
        assertThat(AddressPattern.parse("re:[A-Z]+@X\\.ORG").matches("bob@x.org")).isTrue();
    }

    /** The pre-RE2 translation (quote literals, '*' to '.*', '?' to '.'), as the oracle. */
    private static String reference(String mask) {
        StringBuilder re = new StringBuilder();
        for (char c : mask.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return re.toString();
    }

    private static String randomString(Random random, char[] alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return s.toString();
    }
}
