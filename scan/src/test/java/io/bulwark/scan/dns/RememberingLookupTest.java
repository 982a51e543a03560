package io.bulwark.scan.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** A message's memory of DNS answers, against a real DNS server on loopback. */
class RememberingLookupTest {
    private LoopbackDnsServer server;
    private DnsjavaLookup node;

    @BeforeEach
    void start() throws Exception {
        // TTL 0: the node's cache keeps nothing, so what is remembered is the message's memory
        server = new LoopbackDnsServer().ttl(0).negativeTtl(0).txt("example.com", "v=spf1 -all");
        node = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAnswerTheNodeMayNotCacheIsStillRememberedForTheMessage() {
        DnsLookup message = node.remembering();

        assertThat(message.txt("example.com")).isEqualTo(new DnsResult.Records<>(List.of("v=spf1 -all")));
        assertThat(message.txt("EXAMPLE.com")).isEqualTo(new DnsResult.Records<>(List.of("v=spf1 -all")));
        assertThat(message.a("nothing.example.com")).isInstanceOf(DnsResult.NoSuchDomain.class);
        assertThat(message.a("nothing.example.com")).isInstanceOf(DnsResult.NoSuchDomain.class);

        assertThat(server.queryCount("example.com", Type.TXT)).isEqualTo(1);
        assertThat(server.queryCount("nothing.example.com", Type.A)).isEqualTo(1);
        // another message asks again: the node itself keeps nothing with a TTL of 0
        node.remembering().txt("example.com");
        assertThat(server.queryCount("example.com", Type.TXT)).isEqualTo(2);
    }

    @Test
    void theBudgetCountsEveryCallRememberedOrNotAndThePrefetchViewSpendsNone() {
        DnsLookup budgeted = node.remembering().withBudget(1);
        DnsLookup prefetch = budgeted.unbudgeted();

        prefetch.txt("example.com");
        prefetch.txt("example.com");
        assertThat(budgeted.txt("example.com")).isInstanceOf(DnsResult.Records.class);
        assertThat(budgeted.txt("example.com")).isInstanceOf(DnsResult.BudgetExhausted.class);
        assertThat(server.queryCount("example.com", Type.TXT)).isEqualTo(1);
    }

    @Test
    void aViewWithoutBudgetIsItsOwnUnbudgetedView() {
        assertThat(node.unbudgeted()).isSameAs(node);
        DnsLookup memory = node.remembering();
        assertThat(memory.remembering()).isSameAs(memory);
        assertThat(memory.withBudget(3).withBudget(2).unbudgeted()).isSameAs(memory);
    }
}
