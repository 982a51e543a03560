package io.bulwark.scan.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Against a real DNS server on loopback (UDP and TCP): nothing is mocked. */
class DnsjavaLookupTest {
    private LoopbackDnsServer server;
    private DnsjavaLookup dns;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackDnsServer();
        dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private DnsjavaLookup withTimeout(Duration timeout) {
        return DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(timeout));
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void joinsTheStringsOfOneTxtRecordAndKeepsRecordsApart() {
        server.txt("example.test", "v=spf1 ip4:192.0.2.0/24 ", "-all").txt("example.test", "other");

        assertThat(dns.txt("example.test").values())
                .containsExactlyInAnyOrder("v=spf1 ip4:192.0.2.0/24 -all", "other");
    }

    @Test
    void answersAddressesOfBothFamilies() throws Exception {
        server.a("host.test", "192.0.2.1").a("host.test", "192.0.2.2").aaaa("host.test", "2001:db8::1");

        assertThat(dns.a("host.test").values()).containsExactlyInAnyOrder(ip("192.0.2.1"), ip("192.0.2.2"));
        assertThat(dns.aaaa("host.test")).isEqualTo(new DnsResult.Records<>(List.of(ip("2001:db8::1"))));
    }

    @Test
    void sortsMxByPreferenceAndShowsNullMxAsEmptyHost() {
        server.mx("example.test", 20, "MX2.example.test").mx("example.test", 10, "mx1.example.test")
                .mx("nullmx.test", 0, ".");

        assertThat(dns.mx("Example.TEST.")).isEqualTo(new DnsResult.Records<>(List.of(
                new MxHost(10, "mx1.example.test"), new MxHost(20, "mx2.example.test"))));
        assertThat(dns.mx("nullmx.test").values()).singleElement().satisfies(mx -> assertThat(mx.isNullMx()).isTrue());
    }

    @Test
    void answersPtrNamesWithoutTrailingDot() throws Exception {
        server.ptr("192.0.2.7", "Mail.Example.Test.").ptr("2001:db8::7", "v6.example.test");

        assertThat(dns.ptr(ip("192.0.2.7"))).isEqualTo(new DnsResult.Records<>(List.of("mail.example.test")));
        assertThat(dns.ptr(ip("2001:db8::7")).values()).containsExactly("v6.example.test");
    }

    @Test
    void followsCnames() throws Exception {
        server.cname("www.test", "real.test").a("real.test", "192.0.2.9");

        assertThat(dns.a("www.test").values()).containsExactly(ip("192.0.2.9"));
    }

    @Test
    void tellsNodataFromNxdomain() {
        server.a("exists.test", "192.0.2.1");

        assertThat(dns.txt("exists.test")).isEqualTo(new DnsResult.NoRecords<String>());
        assertThat(dns.txt("missing.test")).isEqualTo(new DnsResult.NoSuchDomain<String>());
        assertThat(dns.txt("missing.test").isAbsent()).isTrue();
    }

    @Test
    void servfailAndRefusedAreTemporaryFailures() {
        server.servfail("broken.test").refused("refused.test");

        DnsResult<String> servfail = dns.txt("broken.test");
        DnsResult<String> refused = dns.txt("refused.test");

        assertThat(servfail.isTemporary()).as("%s", servfail).isTrue();
        assertThat(refused.isTemporary()).as("%s", refused).isTrue();
        assertThat(((DnsResult.TemporaryFailure<String>) servfail).reason()).contains("TXT lookup of broken.test");
    }

    @Test
    void aServerThatNeverAnswersIsATemporaryFailureWithinTheTimeout() {
        server.timeout("slow.test");
        DnsjavaLookup impatient = withTimeout(Duration.ofMillis(300));

        assertThat(impatient.a("slow.test")).isInstanceOf(DnsResult.TemporaryFailure.class);
        assertThat(server.queryCount("slow.test", Type.A)).isPositive();
    }

    @Test
    void noServerListeningIsATemporaryFailure() throws Exception {
        String address = server.address();
        server.close();
        DnsjavaLookup orphan = DnsjavaLookup.create(DnsSettings.servers(List.of(address))
                .withTimeout(Duration.ofMillis(300)));

        assertThat(orphan.a("any.test")).isInstanceOf(DnsResult.TemporaryFailure.class);
    }

    @Test
    void retriesOverTcpWhenTheUdpAnswerIsTruncated() {
        server.txt("tc.test", "complete").truncate("tc.test");

        assertThat(dns.txt("tc.test").values()).containsExactly("complete");
        assertThat(server.tcpQueryCount()).isEqualTo(1);
    }

    @Test
    void fetchesAnAnswerTooBigForUdpOverTcp() {
        for (int i = 0; i < 20; i++) {
            server.txt("big.test", "record-" + i + "-" + "x".repeat(60));
        }

        assertThat(dns.txt("big.test").values()).hasSize(20);
        assertThat(server.tcpQueryCount()).isEqualTo(1);
    }

    @Test
    void cachesAnswersByTtl() {
        server.txt("cached.test", "once");

        dns.txt("cached.test");
        dns.txt("CACHED.test.");

        assertThat(server.queryCount("cached.test", Type.TXT)).isEqualTo(1);
        assertThat(dns.cacheSize()).isPositive();
    }

    @Test
    void cachesNxdomainAndNodataNegatively() {
        server.exists("empty.test");

        dns.txt("missing.test");
        dns.txt("missing.test");
        dns.mx("empty.test");
        dns.mx("empty.test");

        assertThat(server.queryCount("missing.test", Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("empty.test", Type.MX)).isEqualTo(1);
    }

    @Test
    void doesNotCacheTemporaryFailures() {
        server.txt("flaky.test", "fine").servfail("flaky.test");
        assertThat(dns.txt("flaky.test").isTemporary()).isTrue();

        server.behave("flaky.test");

        assertThat(dns.txt("flaky.test").values()).containsExactly("fine");
    }

    @Test
    void boundsTheCache() {
        DnsjavaLookup small = DnsjavaLookup.create(new DnsSettings(List.of(server.address()), Duration.ofSeconds(5), 3,
                Duration.ofHours(1), Duration.ofMinutes(5)));
        for (int i = 0; i < 10; i++) {
            server.txt("n" + i + ".test", "v");
            small.txt("n" + i + ".test");
        }

        assertThat(small.cacheSize()).isLessThanOrEqualTo(3);
    }

    @Test
    void namesAreAbsoluteWithoutSearchPath() {
        server.txt("host", "single label");

        assertThat(dns.txt("host").values()).containsExactly("single label");
        assertThat(server.queries()).extracting(LoopbackDnsServer.Query::name).containsExactly("host");
    }

    @Test
    void asksUnicodeNamesAsALabels() {
        server.txt("xn--bcher-kva.test", "idn");

        assertThat(dns.txt("bücher.test").values()).containsExactly("idn");
    }

    @Test
    void namesThatCannotExistAnswerNoSuchDomainWithoutTraffic() {
        assertThat(dns.txt("a..b.test")).isInstanceOf(DnsResult.NoSuchDomain.class);
        assertThat(dns.txt("x".repeat(64) + ".test")).isInstanceOf(DnsResult.NoSuchDomain.class);
        assertThat(server.queryCount()).isZero();
    }

    @Test
    void aBudgetCountsEveryQuestionAndStopsTrafficWhenSpent() {
        server.txt("a.test", "1").txt("b.test", "2").txt("c.test", "3");
        DnsLookup message = dns.withBudget(2);

        assertThat(message.txt("a.test").values()).containsExactly("1");
        assertThat(message.txt("a.test").values()).as("a cached answer still counts").containsExactly("1");
        assertThat(message.txt("c.test")).isEqualTo(new DnsResult.BudgetExhausted<String>(2));
        assertThat(server.queryCount("c.test", Type.TXT)).isZero();
        assertThat(dns.withBudget(1).txt("b.test").values()).as("each message has its own budget").containsExactly("2");
    }

    @Test
    void aNestedBudgetDrawsFromBoth() {
        server.txt("a.test", "1");
        DnsLookup message = dns.withBudget(1);
        DnsLookup engine = message.withBudget(5);

        assertThat(engine.txt("a.test").values()).containsExactly("1");
        assertThat(engine.txt("a.test")).isEqualTo(new DnsResult.BudgetExhausted<String>(1));
    }

    @Test
    void parallelCallersCannotOverdrawABudget() throws Exception {
        server.txt("a.test", "1");
        DnsLookup message = dns.withBudget(10);
        List<Future<DnsResult<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> message.txt("a.test")));
            }
        }
        long answered = 0;
        for (Future<DnsResult<String>> result : results) {
            if (result.get() instanceof DnsResult.Records<String>) {
                answered++;
            }
        }

        assertThat(answered).isEqualTo(10);
    }

    @Test
    void identicalConcurrentQuestionsAreSentOnce() throws Exception {
        // TTL 0: not cacheable, so only de-duplication can save the second query
        server.ttl(0).txt("burst.test", "v").hold();
        List<Future<DnsResult<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> dns.txt("burst.test")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> dns.waitingOnIdenticalQuestion() == 3);
            server.release();
        }
        for (Future<DnsResult<String>> result : results) {
            assertThat(result.get().values()).containsExactly("v");
        }

        assertThat(server.queryCount("burst.test", Type.TXT)).isEqualTo(1);
    }

    @Test
    void rejectsServersThatAreNotIpLiterals() {
        assertThat(DnsSettings.parseServer("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(DnsSettings.parseServer("192.0.2.53").getPort()).isEqualTo(53);
        assertThat(DnsSettings.parseServer("[::1]:5353").getPort()).isEqualTo(5353);
        assertThat(DnsSettings.parseServer("::1").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> DnsSettings.parseServer("dns.example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP literals");
        assertThatThrownBy(() -> DnsSettings.parseServer("127.0.0.1:99999"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
