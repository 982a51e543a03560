package io.bulwark.scan.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two loopback DNS servers answering one name differently: a settings change moves the next question over. */
class LiveDnsLookupTest {

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void theNextQuestionGoesToTheServersOfTheNewSettingsWithoutRestart() throws Exception {
        try (LoopbackDnsServer first = new LoopbackDnsServer().a("host.test", "192.0.2.1").ttl(3600);
                LoopbackDnsServer second = new LoopbackDnsServer().a("host.test", "192.0.2.2")) {
            DnsSettings one = DnsSettings.servers(List.of(first.address())).withTimeout(Duration.ofSeconds(5));
            AtomicReference<DnsSettings> settings = new AtomicReference<>(one);
            AtomicInteger builds = new AtomicInteger();
            LiveDnsLookup dns = new LiveDnsLookup(settings::get, s -> {
                builds.incrementAndGet();
                return DnsjavaLookup.create(s);
            });
            DnsLookup perMessage = dns.withBudget(10);

            assertThat(dns.a("host.test")).isEqualTo(new DnsResult.Records<>(List.of(ip("192.0.2.1"))));
            assertThat(dns.a("host.test")).isEqualTo(new DnsResult.Records<>(List.of(ip("192.0.2.1"))));
            assertThat(builds).hasValue(1);

            settings.set(DnsSettings.servers(List.of(second.address())).withTimeout(Duration.ofSeconds(5)));
            // the first server's cached answer (TTL one hour) is not carried over
            assertThat(dns.a("host.test")).isEqualTo(new DnsResult.Records<>(List.of(ip("192.0.2.2"))));
            assertThat(perMessage.a("host.test")).isEqualTo(new DnsResult.Records<>(List.of(ip("192.0.2.2"))));
            assertThat(builds).hasValue(2);
            assertThat(first.queries()).hasSize(1);
        }
    }
}
