package io.bulwark.scan.senderauth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.senderauth.spf.internal.ReverseName;
import io.bulwark.scan.testing.FixedContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The openspf.org RFC 7208 suite (src/test/resources/spf, 203 tests) through {@link SpfCheck}:
 * each scenario's zone data is served by a real DNS server on loopback, asked through our
 * {@link DnsjavaLookup} with the gateway's default per-message query budget. Tests that jSPF gets
 * wrong are listed in {@link #KNOWN_FAILURES} with the reason; such a test must still fail, so the
 * list cannot go stale, and the pass count is 203 minus its size.
 *
 * <p>Driver rules (pyspf's and Mail::SPF's): {@code SPF:} entries are served as TXT unless the name
 * has its own {@code TXT:} entry; {@code TXT: NONE} means no TXT record; {@code TIMEOUT} times out
 * the types that have no record. Our loopback server times out a whole name, so {@code TIMEOUT}
 * is applied only to names that serve no TXT record (only TXT is asked of those names here).
 */
class SpfConformanceTest {
    private static final String SUITE = "/spf/rfc7208-tests.yml";
    /** The gateway's default {@code bulwark.scan.dns-query-budget}. */
    private static final int BUDGET = 50;

    /** Test id -> why jSPF 1.0.4 (through our DNS) gets it wrong. */
    static final Map<String, String> KNOWN_FAILURES = Map.ofEntries(
            Map.entry("ptr-case-change", "jSPF compares the ptr:example.Com target with the validated name"
                    + " case-sensitively (fail instead of pass)"),
            Map.entry("ptr-cname-loop", "our DnsLookup answers a CNAME loop as a temporary failure and jSPF"
                    + " ends ptr with temperror, where RFC 7208 5.5 ignores errors of the validating lookups"
                    + " (neutral); errs towards 451, never towards fail"),
            Map.entry("v-macro-ip6", "jSPF writes %{c} of an IPv6 client uncompressed (cafe:babe:0:0:0:0:0:1),"
                    + " RFC 7208 7.3 wants RFC 4291 text (cafe:babe::1); the result (fail) is right"),
            Map.entry("upper-macro", "jSPF's URL-escaping of upper-case macros escapes '~', which RFC 3986"
                    + " calls unreserved (%7E instead of ~); the result (fail) is right"));

    private static final Map<Integer, Zone> ZONES = new HashMap<>();

    private record Zone(LoopbackDnsServer server, DnsjavaLookup dns) {
    }

    static Stream<Arguments> suite() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        int scenario = 0;
        for (Map<String, Object> doc : scenarios()) {
            int index = scenario++;
            Map<String, Map<String, Object>> tests = cast(doc.get("tests"));
            tests.forEach((id, test) -> cases.add(Arguments.of(id, index, test)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void evaluatesAsTheSuiteExpects(String id, int scenario, Map<String, Object> test) throws Exception {
        List<String> expected = results(test.get("result"));
        SpfVerdict verdict = evaluate(scenario, test);
        boolean resultOk = expected.contains(verdict.result().keyword());
        Object explanation = test.get("explanation");
        // "DEFAULT": the implementation's own default explanation, whatever its text
        boolean explanationOk = explanation == null || "DEFAULT".equals(explanation)
                || verdict.result() != SpfVerdict.Result.FAIL
                || explanation.toString().equals(verdict.explanation());
        String actual = verdict.result().keyword() + " (" + verdict.explanation() + ")";
        if (KNOWN_FAILURES.containsKey(id)) {
            assertThat(resultOk && explanationOk)
                    .as("%s is listed as a known failure (%s) but passes now: %s", id, KNOWN_FAILURES.get(id), actual)
                    .isFalse();
            return;
        }
        assertThat(verdict.result().keyword()).as("%s: %s", id, test.get("description")).isIn(expected);
        if (!explanationOk) {
            assertThat(verdict.explanation()).as("%s explanation", id).isEqualTo(explanation.toString());
        }
    }

    @Test
    void suiteHas203TestsOfWhichTheKnownFailuresAreNamed() throws IOException {
        List<String> ids = suite().map(a -> (String) a.get()[0]).toList();
        assertThat(ids).hasSize(203).doesNotHaveDuplicates();
        assertThat(ids).containsAll(KNOWN_FAILURES.keySet());
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Zone z : ZONES.values()) {
            z.server().close();
        }
    }

    private static SpfVerdict evaluate(int scenario, Map<String, Object> test) throws IOException {
        Zone zone = zone(scenario);
        String mailfrom = String.valueOf(test.getOrDefault("mailfrom", ""));
        Envelope envelope = new Envelope(mailfrom, List.of("postmaster@corp.example"),
                String.valueOf(test.get("host")), String.valueOf(test.getOrDefault("helo", "")));
        DnsLookup perMessage = zone.dns().withBudget(BUDGET);
        CheckResult result = new SpfCheck("receiver.example").run(context(envelope, perMessage));
        return result.detail(SpfVerdict.class).orElseThrow();
    }

    private static synchronized Zone zone(int scenario) throws IOException {
        Zone zone = ZONES.get(scenario);
        if (zone == null) {
            LoopbackDnsServer server = new LoopbackDnsServer();
            load(server, cast(scenarios().get(scenario).get("zonedata")));
            DnsjavaLookup dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address()))
                    .withTimeout(Duration.ofMillis(500)));
            zone = new Zone(server, dns);
            ZONES.put(scenario, zone);
        }
        return zone;
    }

    private static void load(LoopbackDnsServer server, Map<String, List<Object>> zonedata) {
        if (zonedata == null) {
            return;
        }
        zonedata.forEach((name, entries) -> {
            boolean explicitTxt = entries.stream().anyMatch(e -> e instanceof Map<?, ?> m && m.containsKey("TXT"));
            boolean servesTxt = false;
            boolean timeout = false;
            server.exists(name);
            for (Object entry : entries) {
                if ("TIMEOUT".equals(entry)) {
                    timeout = true;
                    continue;
                }
                Map<String, Object> record = cast(entry);
                for (Map.Entry<String, Object> e : record.entrySet()) {
                    Object value = e.getValue();
                    switch (e.getKey()) {
                        case "A" -> server.a(name, value.toString());
                        case "AAAA" -> server.aaaa(name, value.toString());
                        case "MX" -> {
                            List<Object> mx = cast(value);
                            server.mx(name, ((Number) mx.get(0)).intValue(), mx.get(1).toString());
                        }
                        case "PTR" -> {
                            InetAddress address = ReverseName.address(name).orElseThrow();
                            server.ptr(address.getHostAddress(), value.toString());
                        }
                        case "CNAME" -> server.cname(name, value.toString());
                        case "TXT", "SPF" -> {
                            if ("SPF".equals(e.getKey()) && explicitTxt || "NONE".equals(value)) {
                                continue;
                            }
                            server.txt(name, strings(value));
                            servesTxt = true;
                        }
                        default -> throw new IllegalArgumentException("zone entry " + e.getKey() + " of " + name);
                    }
                }
            }
            if (timeout && !servesTxt) {
                server.timeout(name);
            }
        });
    }

    /** YAML escapes give code points; the drivers send them as UTF-8 (octets in Latin-1 for dnsjava). */
    private static String[] strings(Object value) {
        List<Object> parts = value instanceof List<?> l ? cast(l) : List.of(value);
        return parts.stream()
                .map(p -> new String(p.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .toArray(String[]::new);
    }

    private static List<String> results(Object value) {
        List<Object> values = value instanceof List<?> l ? cast(l) : List.of(value);
        return values.stream().map(v -> v.toString().trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<Map<String, Object>> scenarios;

    private static synchronized List<Map<String, Object>> scenarios() throws IOException {
        if (scenarios == null) {
            List<Map<String, Object>> docs = new ArrayList<>();
            try (InputStream in = SpfConformanceTest.class.getResourceAsStream(SUITE)) {
                for (Object doc : new Yaml(new LoaderOptions()).loadAll(in)) {
                    docs.add(cast(doc));
                }
            }
            scenarios = List.copyOf(docs);
        }
        return scenarios;
    }

    private static CheckContext context(Envelope envelope, DnsLookup dns) {
        MessageView message = new MessageViewParser().parse(
                "Subject: spf\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        return new FixedContext(message, envelope, Map.of(), Map.of(DnsLookup.class, dns));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
