package io.bulwark.admin.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wizard's checks against a loopback DNS server and loopback sockets. */
class NextHopCheckTest {
    private LoopbackDnsServer dns;
    private NextHopCheck check;

    @BeforeEach
    void setUp() throws IOException {
        dns = new LoopbackDnsServer().mx("example.org", 20, "mx2.example.org").mx("example.org", 10, "mx1.example.org")
                .exists("nomx.example");
        check = new NextHopCheck(DnsjavaLookup.create(new DnsSettings(List.of(dns.address()), Duration.ofSeconds(2),
                1_000, Duration.ZERO, Duration.ZERO)), Duration.ofSeconds(2), "check.test");
    }

    @AfterEach
    void tearDown() throws Exception {
        dns.close();
    }

    @Test
    void mxHostsInPreferenceOrderOrWhyThereAreNone() {
        assertThat(check.mx("example.org")).isEqualTo(
                new NextHopCheck.Result(true, "example.org MX 10 mx1.example.org, 20 mx2.example.org"));
        assertThat(check.mx("nomx.example").ok()).isFalse();
        assertThat(check.mx("nomx.example").detail()).startsWith("nomx.example has no MX records");
    }

    @Test
    void aServerThatRefusesInItsGreetingIsNotANextHop() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("554 5.3.2 not now\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the check closed first
                }
            });
            String hop = "[127.0.0.1]:" + server.getLocalPort();
            assertThat(check.smtp(hop)).isEqualTo(new NextHopCheck.Result(false, hop + " greets with 554 5.3.2 not now"));
            answering.join();
        }
    }

    @Test
    void aClosedPortAndAnUnparsableNextHopAreSaidAsSuch() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(check.smtp("[127.0.0.1]:" + closed).detail()).startsWith("[127.0.0.1]:" + closed + " does not answer");
        assertThat(check.smtp("[127.0.0.1")).isEqualTo(new NextHopCheck.Result(false, "missing ']' in next hop [127.0.0.1"));
    }
}
