package io.bulwark.scan.senderauth.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.CheckResult;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.testing.CheckHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * ARC chain validation vectors (src/test/resources/arc, with SOURCE.md and licences) through
 * {@link ArcCheck}, each scenario's key records served by a DNS server on loopback:
 * <ul>
 *   <li>{@code valimail}: {@code arc-draft-validation-tests.yml}, 10 scenarios, 171 tests, each
 *       with the expected {@code cv}. Three tests have an empty {@code cv}; all three are chains
 *       whose seal says {@code cv=fail}, which RFC 8617 5.2 steps 2 and 3 make a fail, so they are
 *       read as fail;</li>
 *   <li>{@code stalwart}: two messages whose chains pass (002 mixes ed25519 and RSA).</li>
 * </ul>
 * The suite was written for draft-ietf-dmarc-arc-protocol-18; where RFC 8617 (or what we accept
 * besides it) gives another result, the test is listed in {@link #DEVIATIONS} with the reason and
 * must keep disagreeing.
 */
class ArcConformanceTest {
    /** "suite/test" -> why our result differs. */
    static final Map<String, String> DEVIATIONS = new TreeMap<>();

    static {
        DEVIATIONS.put("valimail/ams_fields_c_na", "an AMS without c= is simple/simple: RFC 8617 4.1.2 gives the"
                + " AMS the DKIM-Signature's tags and RFC 6376 3.5 that default; the vector was signed"
                + " relaxed/relaxed and expects pass (the older copy of the suite in Mail::DKIM expected"
                + " fail); we give fail");
    }

    record Vector(String suite, int scenario, String id, byte[] message, String expected) {
        @Override
        public String toString() {
            return suite + "/" + id;
        }
    }

    private record Zone(LoopbackDnsServer server, CheckHarness harness) {
    }

    private static final Map<String, Zone> ZONES = new LinkedHashMap<>();

    static Stream<Vector> vectors() {
        List<Vector> all = new ArrayList<>();
        List<Map<String, Object>> scenarios = valimail();
        for (int s = 0; s < scenarios.size(); s++) {
            Map<String, Map<String, Object>> tests = cast(scenarios.get(s).get("tests"));
            for (Map.Entry<String, Map<String, Object>> t : tests.entrySet()) {
                Object cv = t.getValue().get("cv");
                String expected = cv == null || cv.toString().isBlank() ? "fail" : cv.toString().strip()
                        .toLowerCase(Locale.ROOT);
                all.add(new Vector("valimail", s, t.getKey(), crlf(String.valueOf(t.getValue().get("message"))),
                        expected));
            }
        }
        for (String file : List.of("001.txt", "002.txt")) {
            String text = text("/arc/stalwart/" + file);
            all.add(new Vector("stalwart", -1, file, crlf(text.substring(text.indexOf("\n\n") + 2)), "pass"));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void validatesAsTheVectorExpects(Vector v) {
        CheckResult result = zone(v).harness().run(v.message()).result();
        ArcVerdict verdict = result.detail(ArcVerdict.class).orElseThrow(() -> new AssertionError(v + ": "
                + result.outcome() + " " + result.reason()));
        String actual = verdict.result().keyword();
        String deviation = DEVIATIONS.get(v.toString());
        if (deviation != null) {
            assertThat(actual).as("%s is listed as a deviation (%s) but now agrees", v, deviation)
                    .isNotEqualTo(v.expected());
            return;
        }
        assertThat(actual).as("%s: %s", v, verdict.reason()).isEqualTo(v.expected());
    }

    @Test
    void countsPerSuite() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        vectors().forEach(v -> {
            int[] c = counts.computeIfAbsent(v.suite(), s -> new int[3]);
            c[0]++;
            if (DEVIATIONS.containsKey(v.toString())) {
                c[2]++;
            } else {
                c[1]++; // validatesAsTheVectorExpects proves each of these
            }
        });
        counts.forEach((suite, c) -> System.out.printf("ARC conformance %-9s vectors %3d passed %3d deviations %3d%n",
                suite, c[0], c[1], c[2]));
        assertThat(counts.get("valimail")[0]).isEqualTo(171);
        assertThat(counts.get("stalwart")[0]).isEqualTo(2);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Zone z : ZONES.values()) {
            z.harness().close();
            z.server().close();
        }
    }

    private static synchronized Zone zone(Vector v) {
        String key = v.suite() + "#" + v.scenario();
        Zone zone = ZONES.get(key);
        if (zone == null) {
            try {
                LoopbackDnsServer server = new LoopbackDnsServer();
                if (v.suite().equals("valimail")) {
                    Map<String, Object> records = cast(valimail().get(v.scenario()).get("txt-records"));
                    records.forEach((name, value) -> server.txt(name, strings(value.toString())));
                } else {
                    for (String file : List.of("001.txt", "002.txt")) {
                        String text = text("/arc/stalwart/" + file);
                        for (String line : text.substring(0, text.indexOf("\n\n")).split("\n")) {
                            int space = line.indexOf(' ');
                            server.txt(line.substring(0, space), strings(line.substring(space + 1).strip()));
                        }
                    }
                }
                DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                        .withTimeout(Duration.ofMillis(300)));
                zone = new Zone(server, new CheckHarness(new ArcCheck(),
                        ScanServices.builder().perMessage(DnsLookup.class, () -> dns.withBudget(50)).build()));
                ZONES.put(key, zone);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return zone;
    }

    /** A TXT value as character-strings of at most 255 octets. */
    private static String[] strings(String value) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            parts.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        return parts.isEmpty() ? new String[] {""} : parts.toArray(String[]::new);
    }

    private static List<Map<String, Object>> scenarios;

    private static synchronized List<Map<String, Object>> valimail() {
        if (scenarios == null) {
            List<Map<String, Object>> docs = new ArrayList<>();
            try (InputStream in = ArcConformanceTest.class
                    .getResourceAsStream("/arc/valimail/arc-draft-validation-tests.yml")) {
                for (Object doc : new Yaml(new LoaderOptions()).loadAll(in)) {
                    docs.add(cast(doc));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            scenarios = List.copyOf(docs);
        }
        return scenarios;
    }

    static String text(String resource) {
        try (InputStream in = ArcConformanceTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vectors are written with LF; the spool holds CRLF. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
