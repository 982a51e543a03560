package io.bulwark.admin.cef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CEF escaping rules, against the project's vectors and the strict parser. */
class CefFormatterTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private final CefFormatter formatter = new CefFormatter("1.0");

    static Stream<Arguments> vectors() throws Exception {
        try (InputStream in = CefFormatterTest.class.getResourceAsStream("/cef/cef-escaping-cases.json")) {
            JsonNode cases = new ObjectMapper().readTree(in).get("cases");
            List<Arguments> out = new ArrayList<>();
            cases.forEach(c -> out.add(Arguments.of(c.get("id").asInt(), c.get("where").asText(),
                    c.get("input").asText(), c.get("expected").asText())));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "vector {0} ({1})")
    @MethodSource("vectors")
    void escapesEachVectorExactlyAsTheStandardSays(int id, String where, String input, String expected) {
        if (where.equals("header")) {
            String line = formatter.format(CefRecord.builder("ID", input, 3).time(T0).build());
            String prefix = "CEF:0|Bulwark|Bulwark|1.0|ID|";
            assertThat(line).startsWith(prefix).endsWith("|3|");
            assertThat(line.substring(prefix.length(), line.length() - "|3|".length())).isEqualTo(expected);
            assertThat(StrictCefParser.parse(line).name()).isEqualTo(input.replace('\n', ' '));
        } else {
            String line = formatter.format(CefRecord.builder("ID", "Name", 3).put("msg", input).build());
            assertThat(line).isEqualTo("CEF:0|Bulwark|Bulwark|1.0|ID|Name|3|msg=" + expected);
            assertThat(StrictCefParser.parse(line).extension().get("msg")).isEqualTo(input.replace("\r\n", "\n"));
        }
    }

    @Test
    void aValueThatLooksLikeAKeyStaysInsideItsValue() {
        String line = formatter.format(CefRecord.builder("ID", "Name", 3)
                .customString(3, "Subject", "hi act=allow suser=root").put("act", "Rejected").build());
        StrictCefParser.Parsed parsed = StrictCefParser.parse(line);
        assertThat(parsed.extension()).containsEntry("cs3", "hi act=allow suser=root").containsEntry("act", "Rejected")
                .doesNotContainKey("suser");
    }

    @Test
    void randomTextRoundTripsThroughTheStrictParser() {
        Random random = new Random(14);
        String alphabet = "ab =|\\\n\r\u00e9\u4e2d\ud83d\udce7x=y k";
        for (int n = 0; n < 2000; n++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                if (Character.isSurrogate(c)) {
                    value.append("\ud83d\udce7");
                } else {
                    value.append(c);
                }
            }
            String raw = value.toString();
            String line = formatter.format(CefRecord.builder("ID", raw, 5).put("msg", raw).customString(1, "L", raw)
                    .build());
            StrictCefParser.Parsed parsed = StrictCefParser.parse(line);
            String expected = raw.replace("\r\n", "\n").strip();
            if (expected.isEmpty()) {
                assertThat(parsed.extension()).doesNotContainKey("msg");
                continue;
            }
            assertThat(parsed.extension().get("msg")).as("value %s", raw).isEqualTo(expected);
            assertThat(parsed.extension().get("cs1")).isEqualTo(expected);
            assertThat(parsed.name()).isEqualTo(raw.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip());
        }
    }

    @Test
    void controlCharactersNeverReachTheLine() {
        String line = formatter.format(CefRecord.builder("ID\0", "a\tb\u0001c\u0085", 3)
                .put("msg", "x\0y\tz\u001b").build());
        assertThat(line).doesNotContain("\0", "\t", "\u0001", "\u001b", "\u0085");
        assertThat(StrictCefParser.parse(line).extension().get("msg")).isEqualTo("xy z");
    }

    @Test
    void valuesAreCutToTheDictionaryLengthBeforeEscapingAndNeverInsideACharacter() {
        String act = "=".repeat(100);
        String user = "\ud83d\udce7".repeat(1100);
        String line = formatter.format(CefRecord.builder("ID", "N", 1).put("act", act).put("suser", user)
                .put("externalId", "x".repeat(50)).build());
        StrictCefParser.Parsed parsed = StrictCefParser.parse(line);
        assertThat(parsed.extension().get("act")).isEqualTo("=".repeat(63));
        assertThat(parsed.extension().get("suser")).isEqualTo("\ud83d\udce7".repeat(1023));
        assertThat(parsed.extension().get("externalId")).hasSize(40);
    }

    @Test
    void customFieldsAlwaysCarryTheirLabelsAndEmptyValuesAreLeftOut() {
        CefRecord record = CefRecord.builder("ID", "N", 1).customString(2, "RuleName", "Default")
                .customNumber(1, "RuleId", 7L).customString(3, "Empty", " ").put("suser", null).build();
        assertThat(record.extension()).containsExactly(java.util.Map.entry("cs2Label", "RuleName"),
                java.util.Map.entry("cs2", "Default"), java.util.Map.entry("cn1Label", "RuleId"),
                java.util.Map.entry("cn1", "7"));
        assertThatThrownBy(() -> CefRecord.builder("ID", "N", 11).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
