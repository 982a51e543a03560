package io.bulwark.scan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Public Suffix List project's own test vectors (src/test/resources/dmarc/psl, CC0) against
 * {@link PublicSuffixList#bundled()}: each input's registrable domain, DMARC's Organizational
 * Domain. {@code tests.txt} and {@code test_psl.txt} are the same vectors in two syntaxes; both
 * are read and must agree, so neither can drift unnoticed. Our answers are A-labels (the
 * interface's contract, and what DNS and alignment compare), so an expected Unicode answer is
 * compared in its A-label form (7 vectors: {@code 食狮.com.cn} is {@code xn--85x722f.com.cn}). Vectors our list answers differently
 * are in {@link #KNOWN_DEVIATIONS} with the reason, and must still differ (the list cannot go
 * stale); the pass count is the vector count less its size.
 */
class PublicSuffixConformanceTest {
    private static final String DIR = "/dmarc/psl/";
    private static final Pattern CALL = Pattern.compile("checkPublicSuffix\\((null|'[^']*'), (null|'[^']*')\\);");

    /** Input -> why our answer differs from the vector. */
    static final Map<String, String> KNOWN_DEVIATIONS = Map.of();

    record Vector(String input, String expected) {
    }

    static List<Vector> plain() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        for (String line : lines("tests.txt")) {
            String[] parts = line.split("\\s+");
            vectors.add(new Vector(nullable(parts[0]), nullable(parts[1])));
        }
        return vectors;
    }

    static List<Vector> javascript() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        for (String line : lines("test_psl.txt")) {
            Matcher m = CALL.matcher(line);
            assertThat(m.matches()).as("a checkPublicSuffix call: %s", line).isTrue();
            vectors.add(new Vector(unquote(m.group(1)), unquote(m.group(2))));
        }
        return vectors;
    }

    static Stream<Arguments> vectors() throws IOException {
        return plain().stream().map(v -> Arguments.of(v.input(), v.expected()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("vectors")
    void registrableDomainIsTheVectorsAnswer(String input, String expected) {
        Optional<String> actual = PublicSuffixList.bundled().registrableDomain(input);
        // our answers are A-labels by contract; the vectors answer Unicode input in Unicode
        Optional<String> wanted = Optional.ofNullable(expected).map(e -> IDN.toASCII(e, IDN.ALLOW_UNASSIGNED));
        if (input != null && KNOWN_DEVIATIONS.containsKey(input)) {
            assertThat(actual).as("%s is a known deviation (%s) but passes now", input, KNOWN_DEVIATIONS.get(input))
                    .isNotEqualTo(wanted);
            return;
        }
        assertThat(actual).as(input).isEqualTo(wanted);
    }

    @Test
    void bothVectorFilesHoldTheSameVectors() throws IOException {
        assertThat(javascript()).isEqualTo(plain());
        assertThat(plain()).hasSize(VECTORS);
    }

    /** Vectors in tests.txt (non-comment lines), recorded in docs/conformance.md. */
    static final int VECTORS = 78;

    private static List<String> lines(String file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PublicSuffixConformanceTest.class.getResourceAsStream(DIR + file), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("//")) {
                    lines.add(l);
                }
            }
        }
        return lines;
    }

    private static String nullable(String s) {
        return "null".equals(s) ? null : s;
    }

    private static String unquote(String s) {
        return "null".equals(s) ? null : s.substring(1, s.length() - 1);
    }
}
