package io.bulwark.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.gateway.dns.DnsResolver.AddressResult;
import io.bulwark.gateway.dns.DnsResolver.MxHost;
import io.bulwark.gateway.dns.DnsResolver.MxResult;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real DNS server on loopback: the resolver's port is configurable, nothing is mocked. */
class DnsResolverTest {
    private static LoopbackDnsServer server;
    private static DnsResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackDnsServer()
                .mx("example.test", 20, "mx2.example.test")
                .mx("example.test", 10, "mx1.example.test")
                .a("mx1.example.test", "192.0.2.1")
                .a("mx2.example.test", "192.0.2.2")
                .a("nomx.test", "192.0.2.3")
                .mx("nullmx.test", 0, ".")
                .servfail("broken.test");
        resolver = new DnsResolver(List.of(server.address()), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void returnsMxHostsByPreference() {
        assertThat(resolver.lookupMx("Example.Test")).isEqualTo(new MxResult.Found(List.of(
                new MxHost(10, "mx1.example.test"), new MxHost(20, "mx2.example.test"))));
    }

    @Test
    void distinguishesNoMxNullMxNxdomainAndTemporaryFailure() {
        assertThat(resolver.lookupMx("nomx.test")).isInstanceOf(MxResult.NoMx.class);
        assertThat(resolver.lookupMx("nullmx.test")).isInstanceOf(MxResult.NullMx.class);
        assertThat(resolver.lookupMx("missing.test")).isInstanceOf(MxResult.NotFound.class);
        assertThat(resolver.lookupMx("broken.test")).isInstanceOf(MxResult.TemporaryFailure.class);
    }

    @Test
    void looksUpAddressesAndPassesLiteralsThrough() throws Exception {
        assertThat(resolver.lookupAddresses("mx1.example.test"))
                .isEqualTo(new AddressResult.Found(List.of(InetAddress.getByName("192.0.2.1"))));
        assertThat(resolver.lookupAddresses("missing.test")).isInstanceOf(AddressResult.NotFound.class);
        assertThat(resolver.lookupAddresses("broken.test")).isInstanceOf(AddressResult.TemporaryFailure.class);
        assertThat(resolver.lookupAddresses("2001:db8::1"))
                .isEqualTo(new AddressResult.Found(List.of(InetAddress.getByName("2001:db8::1"))));
    }

    @Test
    void parsesResolverAddressesWithPorts() {
        assertThat(DnsResolver.parseServer("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(DnsResolver.parseServer("192.0.2.53").getPort()).isEqualTo(53);
        assertThat(DnsResolver.parseServer("[::1]:5353").getPort()).isEqualTo(5353);
        assertThat(DnsResolver.parseServer("::1").getPort()).isEqualTo(53);
    }
}
