package io.bulwark.events.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RoutingSettingsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "[127.0.0.1]:2526          | [127.0.0.1]:2526",
            "[mail.corp.example]       | [mail.corp.example]:25",
            "mail.corp.example:587     | mail.corp.example:587",
            "mail.corp.example         | mail.corp.example:25",
            "smtp:[10.0.0.5]:2525      | [10.0.0.5]:2525",
            "SMTP:relay.example.net    | relay.example.net:25",
            "[2001:db8::25]:25         | [2001:db8::25]:25",
            "[exchange_mbx]:25         | [exchange_mbx]:25",
    })
    void nextHopsInPostfixNotationParse(String text, String parsed) {
        assertThat(NextHop.parse(text, 25)).hasToString(parsed);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "[127.0.0.1                | missing ']'",
            "[127.0.0.1]x              | expected ':port'",
            "mail.example:0            | port out of range",
            "mail.example:99999        | port out of range",
            "mail.example:25a          | bad port",
            "2001:db8::25              | must be bracketed",
            "mail server.example       | neither a host name nor an IP address",
            "[-bad-.example]           | neither a host name nor an IP address",
            "' '                       | empty next hop",
    })
    void badNextHopsAreRefusedSayingWhy(String text, String why) {
        assertThatThrownBy(() -> NextHop.parse(text, 25)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void domainsAreNormalisedAndDuplicatesDropped() {
        RoutingSettings s = new RoutingSettings(List.of("Corp.Example.", "corp.example", "b.example"),
                List.of(" 10.0.0.0/8 ", "10.0.0.0/8"), "  ", Map.of("Corp.Example", " [10.0.0.5] "), null);
        assertThat(s.relayDomains()).containsExactly("corp.example", "b.example");
        assertThat(s.mynetworks()).containsExactly("10.0.0.0/8");
        assertThat(s.relayhost()).isNull();
        assertThat(s.transportMap()).containsExactly(Map.entry("corp.example", "[10.0.0.5]"));
        assertThat(s.verifyRecipients()).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("corp.example", "[10.0.0.5]:70000");
        map.put("not a domain", "[10.0.0.6]");
        RoutingSettings s = new RoutingSettings(List.of("corp.example", "exa mple.com", "192.0.2.1"),
                List.of("10.0.0.0/33", "intranet"), "[relay", map, List.of("other.example"));
        assertThat(s.problems()).containsExactlyInAnyOrder(
                "relay domain 'exa mple.com' is not a domain name",
                "relay domain '192.0.2.1' is not a domain name",
                "network '10.0.0.0/33' is not an IP address or a CIDR network such as 192.0.2.0/24",
                "network 'intranet' is not an IP address or a CIDR network such as 192.0.2.0/24",
                "relayhost: missing ']' in next hop [relay",
                "next hop for corp.example: port out of range in next hop [10.0.0.5]:70000",
                "transport map domain 'not a domain' is not a domain name",
                "recipient verification domain 'other.example' is not a relay domain");
    }
}
