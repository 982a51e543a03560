package io.bulwark.scan.senderauth.dmarc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8601 2.2 method results as DMARC reads them from an ARC-Authentication-Results payload. */
class AuthResultsTest {

    @Test
    void readsMethodsResultsAndPropertiesSkippingTheAuthservIdCommentsAndReasons() {
        List<AuthResults> results = AuthResults.parse("lists.example.org 1; dkim=pass (good; \"quoted\" comment)"
                + " reason=\"a; b\" header.d=Example.com header.s=s1;\r\n spf = fail smtp.mailfrom=bounce@Other.net;"
                + " dmarc/1=pass (p=reject (nested)) header.from=example.com");
        assertThat(results).containsExactly(
                new AuthResults("dkim", "pass", Map.of("header.d", "Example.com", "header.s", "s1")),
                new AuthResults("spf", "fail", Map.of("smtp.mailfrom", "bounce@Other.net")),
                new AuthResults("dmarc", "pass", Map.of("header.from", "example.com")));
        assertThat(results.get(1).domainOf("smtp.mailfrom")).isEqualTo("other.net");
        assertThat(results.get(0).domainOf("header.d")).isEqualTo("example.com");
    }

    @Test
    void noResultsAndEmptyPayloadsGiveNothing() {
        assertThat(AuthResults.parse("example.org; none")).isEmpty();
        assertThat(AuthResults.parse("")).isEmpty();
        assertThat(AuthResults.parse(null)).isEmpty();
    }
}
