package io.bulwark.scan.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How far Guava's bundled copy of the Public Suffix List is from the dated snapshot in
 * src/test/resources/dmarc/psl (publicsuffix/list, 2026-08-19, MPL-2.0): every rule of the
 * snapshot is turned into a name that the rule decides, and the bundled list must give that rule's
 * public suffix, except for {@link #NEWER_THAN_GUAVA}. Those must still differ, so the day a Guava
 * upgrade brings them in, this test says so and the list (and docs/conformance.md, "Public Suffix
 * List") is updated. Rules Guava has that the snapshot dropped cannot be listed this way (Guava
 * offers no enumeration of its trie).
 */
class BundledListAgainstSnapshotTest {

    /** Rules of the snapshot that Guava 33.8.0's copy does not know: all private, all added after it. */
    static final Set<String> NEWER_THAN_GUAVA = Set.of("demo.datacenter.fi", "paas.datacenter.fi",
            "alpha-myqnapcloud.com", "dev-myqnapcloud.com", "xnbay.com", "u2.xnbay.com", "u2-local.xnbay.com");

    record Rule(String rule, boolean privateSection) {
    }

    @Test
    void bundledListAgreesWithTheSnapshotExceptForTheRulesAddedSinceGuavasCopy() throws IOException {
        List<Rule> rules = rules();
        assertThat(rules).hasSizeGreaterThan(10_000);
        List<String> differ = new ArrayList<>();
        for (Rule r : rules) {
            String rule = r.rule();
            String host;
            String suffix;
            if (rule.startsWith("!")) {
                host = rule.substring(1);
                suffix = host.substring(host.indexOf('.') + 1);
            } else if (rule.startsWith("*.")) {
                suffix = "zz." + rule.substring(2);
                host = "yy." + suffix;
            } else {
                suffix = rule;
                host = "yy." + rule;
            }
            Optional<String> actual = PublicSuffixList.bundled().publicSuffix(host);
            if (!actual.equals(Optional.of(IDN.toASCII(suffix, IDN.ALLOW_UNASSIGNED)))) {
                differ.add(rule);
                assertThat(r.privateSection()).as("%s differs and is an ICANN rule", rule).isTrue();
            }
        }
        assertThat(differ).containsExactlyInAnyOrderElementsOf(NEWER_THAN_GUAVA);
    }

    private static List<Rule> rules() throws IOException {
        List<Rule> rules = new ArrayList<>();
        boolean privateSection = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(BundledListAgainstSnapshotTest.class
                .getResourceAsStream("/dmarc/psl/public_suffix_list.dat"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String l = line.strip();
                if (l.contains("===BEGIN PRIVATE DOMAINS===")) {
                    privateSection = true;
                }
                if (!l.isEmpty() && !l.startsWith("//")) {
                    rules.add(new Rule(l.split("\\s")[0], privateSection));
                }
            }
        }
        return rules;
    }
}
