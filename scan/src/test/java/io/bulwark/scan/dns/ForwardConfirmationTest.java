package io.bulwark.scan.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forward-confirmed reverse DNS against a loopback DNS server. */
class ForwardConfirmationTest {
    private LoopbackDnsServer server;
    private DnsLookup dns;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void confirmsOnlyNamesThatPointBack() throws Exception {
        server.ptr("192.0.2.10", "good.test").ptr("192.0.2.10", "liar.test")
                .a("good.test", "192.0.2.10").a("liar.test", "198.51.100.1");

        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("192.0.2.10")))
                .isEqualTo(new DnsResult.Records<>(List.of("good.test")));
    }

    @Test
    void confirmsIpv6OverAaaa() throws Exception {
        server.ptr("2001:db8::10", "six.test").aaaa("six.test", "2001:db8::10");

        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("2001:db8::10")).values()).containsExactly("six.test");
    }

    @Test
    void noConfirmingNameIsNoRecords() throws Exception {
        server.ptr("192.0.2.11", "liar.test").a("liar.test", "198.51.100.1");

        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("192.0.2.11")))
                .isEqualTo(new DnsResult.NoRecords<String>());
        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("192.0.2.99")))
                .isEqualTo(new DnsResult.NoSuchDomain<String>());
    }

    @Test
    void aTemporaryForwardFailureIsTemporaryUnlessAnotherNameConfirms() throws Exception {
        server.ptr("192.0.2.12", "flaky.test").servfail("flaky.test");
        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("192.0.2.12")).isTemporary()).isTrue();

        server.ptr("192.0.2.13", "flaky.test").ptr("192.0.2.13", "good.test").a("good.test", "192.0.2.13");
        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("192.0.2.13")).values()).containsExactly("good.test");
    }

    @Test
    void aTemporaryPtrFailureIsTemporary() throws Exception {
        server.servfail("12.2.0.192.in-addr.arpa");

        assertThat(dns.forwardConfirmedPtr(InetAddress.getByName("192.0.2.12")).isTemporary()).isTrue();
    }

    @Test
    void spendsTheBudgetOfTheView() throws Exception {
        server.ptr("192.0.2.14", "good.test").a("good.test", "192.0.2.14");

        assertThat(dns.withBudget(1).forwardConfirmedPtr(InetAddress.getByName("192.0.2.14")))
                .isEqualTo(new DnsResult.BudgetExhausted<String>(1));
        assertThat(dns.withBudget(2).forwardConfirmedPtr(InetAddress.getByName("192.0.2.14")).values())
                .containsExactly("good.test");
    }
}
