package io.bulwark.events.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AreaSettingsTest {

    @Test
    void tlsPolicyNormalisesAndAcceptsPostfixNames() {
        TlsPolicySettings s = new TlsPolicySettings(" MAY ", true, "Encrypt", Map.of("Partner.Example.", "VERIFY"));
        assertThat(s.inbound()).isEqualTo("may");
        assertThat(s.outboundPerDomain()).containsEntry("partner.example", "verify");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void tlsPolicyListsEveryProblem() {
        TlsPolicySettings s = new TlsPolicySettings("verify", false, "sometimes", Map.of("not a domain", "may",
                "ok.example", "dane"));
        assertThat(s.problems()).containsExactly(
                "inbound TLS policy 'verify' is not one of none, may, encrypt",
                "outbound TLS policy 'sometimes' is not one of none, may, encrypt, verify",
                "TLS policy domain 'not a domain' is not a domain name",
                "TLS policy for ok.example 'dane' is not one of none, may, encrypt, verify");
    }

    @Test
    void aClientCertificateCannotBeRequiredWithoutInboundTls() {
        assertThat(new TlsPolicySettings("none", true, "may", Map.of()).problems())
                .containsExactly("a client certificate can only be required when inbound TLS is offered (may or encrypt)");
    }

    @Test
    void mtaLimitsAreCheckedWithTheValueNamed() {
        assertThat(new MtaSettings(10_240_000, 1000, 100, 10, 300, 300, "mx.example").problems()).isEmpty();
        assertThat(new MtaSettings(100, 0, 5, 6, 0, 7200, "bad_host!").problems()).containsExactly(
                "maximum message size 100 must be between 1024 and 2147483647 bytes",
                "maximum recipients 0 must be at least 1",
                "maximum connections per client 6 must be between 1 and the maximum connections (5)",
                "command timeout 0 s must be between 1 and 3600 seconds",
                "data timeout 7200 s must be between 1 and 3600 seconds",
                "banner host name 'bad_host!' is not a host name");
        assertThat(new MtaSettings(2048, 1, 1, 1, 1, 1, "  ").bannerHostname()).isNull();
    }

    @Test
    void dnsServersAreAddressesWithOptionalPorts() {
        assertThat(new DnsServerSettings(List.of("192.0.2.53", "127.0.0.1:5353", "2001:db8::53", "[2001:db8::53]:53"),
                2000).problems()).isEmpty();
        assertThat(new DnsServerSettings(List.of("dns.example", "127.0.0.1:0", "2001:db8::53:53"), 0).problems())
                .containsExactly(
                        "DNS server 'dns.example' is not an IP address or ip:port (IPv6 as [ip]:port)",
                        "DNS server '127.0.0.1:0' is not an IP address or ip:port (IPv6 as [ip]:port)",
                        "DNS timeout 0 ms must be between 1 and 60000 ms");
    }

    @Test
    void everyChangeEventNamesItsArea() {
        assertThat(new MtaSettingsChangedEvent(null, null, "a", null).areaId()).isEqualTo(SettingsIds.MTA);
        assertThat(new ModuleSwitchesSettingsChangedEvent(null, ModuleSwitches.allOn(), "a", null).areaId())
                .isEqualTo(SettingsIds.MODULES);
    }
}
