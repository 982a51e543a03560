package io.bulwark.scan.antivirus.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.scan.match.AhoCorasick;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code .ndb} syntax table: each supported construct matching and not matching, and each
 * unsupported construct skipped with a reason.
 */
class BodySignatureTest {

    /** Whether the signature matches anywhere in data, the way the database uses it. */
    private static boolean matches(String ndbLine, String dataHex) {
        byte[] data = HexFormat.of().parseHex(dataHex);
        BodySignature s;
        try {
            s = BodySignature.parse(ndbLine);
        } catch (BodySignature.Unsupported e) {
            throw new AssertionError(e.getMessage());
        }
        boolean[] hit = {false};
        AhoCorasick.build(List.of(s.anchor())).search(data, data.length, (p, start) -> {
            if (s.target().matches(data, Math.min(8, data.length)) && s.matchesAt(data, data.length, start)) {
                hit[0] = true;
            }
            return true;
        });
        return hit[0];
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("plain hex", "T:0:*:deadbeef", "00deadbeef00", true),
                Arguments.of("plain hex absent", "T:0:*:deadbeef", "00deadbe00ef", false),
                Arguments.of("?? any byte", "T:0:*:dead??ef", "dead00ef", true),
                Arguments.of("?? needs a byte", "T:0:*:dead??ef", "deadef", false),
                Arguments.of("high nibble wildcard", "T:0:*:dead?fef", "dead3fef", true),
                Arguments.of("high nibble wildcard, low differs", "T:0:*:dead?fef", "dead3eef", false),
                Arguments.of("low nibble wildcard", "T:0:*:deada?ef", "deadabef", true),
                Arguments.of("low nibble wildcard, high differs", "T:0:*:deada?ef", "deadbbef", false),
                Arguments.of("* any distance", "T:0:*:dead*beef", "dead0102030405beef", true),
                Arguments.of("* keeps order", "T:0:*:dead*beef", "beef0102dead", false),
                Arguments.of("{2} exactly two", "T:0:*:dead{2}beef", "dead0102beef", true),
                Arguments.of("{2} not three", "T:0:*:dead{2}beef", "dead010203beef", false),
                Arguments.of("{1-3} within", "T:0:*:dead{1-3}beef", "dead010203beef", true),
                Arguments.of("{1-3} too far", "T:0:*:dead{1-3}beef", "dead01020304beef", false),
                Arguments.of("{-2} up to two, none", "T:0:*:dead{-2}beef", "deadbeef", true),
                Arguments.of("{3-} at least three", "T:0:*:dead{3-}beef", "dead01beef", false),
                Arguments.of("{3-} at least three, four", "T:0:*:dead{3-}beef", "dead01020304beef", true),
                Arguments.of("[1-2] range", "T:0:*:dead[1-2]beef", "dead01beef", true),
                Arguments.of("(a|b) first", "T:0:*:dead(01|0203)beef", "dead01beef", true),
                Arguments.of("(a|b) second, other length", "T:0:*:dead(01|0203)beef", "dead0203beef", true),
                Arguments.of("(a|b) neither", "T:0:*:dead(01|0203)beef", "dead02beef", false),
                Arguments.of("!(a|b) other", "T:0:*:dead!(01|02)beef", "dead03beef", true),
                Arguments.of("!(a|b) excluded", "T:0:*:dead!(01|02)beef", "dead02beef", false),
                Arguments.of("anchor in the middle, left part checked", "T:0:*:aa??bbccddee", "aa00bbccddee", true),
                Arguments.of("anchor in the middle, left part differs", "T:0:*:aa??bbccddee", "ab00bbccddee", false),
                Arguments.of("offset n", "T:0:2:bbcc", "aaaabbcc", true),
                Arguments.of("offset n, elsewhere", "T:0:1:bbcc", "aaaabbcc", false),
                Arguments.of("offset n,m", "T:0:1,2:bbcc", "aaaaaabbcc", true),
                Arguments.of("offset n,m, beyond", "T:0:1,1:bbcc", "aaaaaabbcc", false),
                Arguments.of("EOF-n", "T:0:EOF-2:bbcc", "aaaabbcc", true),
                Arguments.of("EOF-n, not at the end", "T:0:EOF-2:bbcc", "aabbccaa", false),
                Arguments.of("target PE on MZ", "T:1:*:bbcc", "4d5a00bbcc", true),
                Arguments.of("target PE on other", "T:1:*:bbcc", "7f454c46bbcc", false),
                Arguments.of("target ELF", "T:6:*:bbcc", "7f454c46bbcc", true),
                Arguments.of("target PDF", "T:10:*:bbcc", "255044462dbbcc", true),
                Arguments.of("a trailing min flevel field", "T:0:*:bbcc:51", "bbcc", true),
                Arguments.of("long fixed run anchored on its first 12 bytes",
                        "T:0:*:000102030405060708090a0b0c0d0e0f", "ff000102030405060708090a0b0c0d0e0f", true),
                Arguments.of("long fixed run, tail differs",
                        "T:0:*:000102030405060708090a0b0c0d0e0f", "ff000102030405060708090a0b0c0d0eff", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void matchesAsClamAvDefinesTheSyntax(String what, String line, String data, boolean expected) {
        assertThat(matches(line, data)).as(what).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "T:0:*;fewer than 4 fields",
            "T:4:*:deadbeef;target type 4 is not supported",
            "T:3:*:deadbeef;target type 3 is not supported",
            "T:1:EP+10:deadbeef;entry point and section offsets",
            "T:1:S2+4:deadbeef;entry point and section offsets",
            "T:0:*:de??be??;no two fixed bytes in a row",
            "T:0:*:dead(B)beef;is not a choice of fixed hex strings",
            "T:0:*:dead!(01|0203)beef;negated alternatives of different lengths",
            "T:0:*:deadbee;odd number of hex digits",
            "T:0:*:deadbeeg;unsupported character",
            "T:0:*:dead{3-1}beef;ends before it starts",
            ":0:*:deadbeef;no signature name"})
    void unsupportedSyntaxIsRefusedWithAReason(String line, String reason) {
        assertThatThrownBy(() -> BodySignature.parse(line)).isInstanceOf(BodySignature.Unsupported.class)
                .hasMessageContaining(reason);
    }
}
