package io.bulwark.admin.antispam;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.dnslist.DnsListDefinition;
import io.bulwark.events.dnslist.DnsListKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The first-start values: the gateway's list properties read as custom DNS lists. */
class DnsListSeedingTest {

    @Test
    void givenTheDocumentedPropertiesWhenReadThenEachBecomesAnEnabledListWithItsDefaults() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "bulwark.antispam.dnsbl[0].symbol", "RBL_EXAMPLE",
                "bulwark.antispam.dnsbl[0].zone", "bl.example.org",
                "bulwark.antispam.dnsbl[0].codes[127.0.0.2]", "spam source",
                "bulwark.antispam.dnsbl[0].deep", "true",
                "bulwark.antispam.uribl[0].symbol", "URIBL_EXAMPLE",
                "bulwark.antispam.uribl[0].zone", "uri.example.org",
                "bulwark.antispam.uribl[0].weight", "40",
                "bulwark.antispam.uribl[0].blacklist", "false")));

        List<DnsListDefinition> lists = DnsListSeeding.fromProperties(binder);

        assertThat(lists).containsExactly(
                new DnsListDefinition("RBL_EXAMPLE", DnsListKind.DNSBL, "bl.example.org",
                        Map.of("127.0.0.2", "spam source"), 30, true, true, true),
                new DnsListDefinition("URIBL_EXAMPLE", DnsListKind.URIBL, "uri.example.org", Map.of(), 40, false, false,
                        true));
    }

    @Test
    void givenNoPropertiesWhenReadThenThereAreNoLists() {
        assertThat(DnsListSeeding.fromProperties(new Binder(new MapConfigurationPropertySource(Map.of())))).isEmpty();
    }
}
