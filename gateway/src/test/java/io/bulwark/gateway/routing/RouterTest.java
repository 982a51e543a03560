package io.bulwark.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'[mail.example.com]:2525', mail.example.com, 2525, false",
            "'[mail.example.com]', mail.example.com, 25, false",
            "'mail.example.com:587', mail.example.com, 587, true",
            "'mail.example.com', mail.example.com, 25, true",
            "'smtp:[10.0.0.1]:26', 10.0.0.1, 26, false",
            "'[2001:db8::1]:2525', 2001:db8::1, 2525, false",
    })
    void parsesPostfixNextHopNotation(String text, String host, int port, boolean mx) {
        assertThat(Route.parse(text, 25)).isEqualTo(new Route(host, port, mx));
    }

    @Test
    void rejectsMalformedNextHops() {
        assertThatThrownBy(() -> Route.parse("[host", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.parse("host:99999", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.parse("[]:25", 25)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefersTheTransportMapThenTheRelayhostThenMx() {
        Router router = new Router(Map.of("Example.COM", "[10.0.0.1]:2525"), "[relay.internal]", 25);
        assertThat(router.route("example.com.")).isEqualTo(new Route("10.0.0.1", 2525, false));
        assertThat(router.route("other.test")).isEqualTo(new Route("relay.internal", 25, false));
        assertThat(new Router(Map.of(), null, 25).route("Other.Test")).isEqualTo(new Route("other.test", 25, true));
    }

    @Test
    void relayPolicyAcceptsRelayDomainsFromAnyoneAndEverythingFromMynetworks() throws Exception {
        RelayPolicy policy = new RelayPolicy(List.of("Example.com"), List.of("192.0.2.0/24"));
        InetAddress stranger = InetAddress.getByName("203.0.113.5");
        InetAddress inside = InetAddress.getByName("192.0.2.10");
        assertThat(policy.mayAccept(stranger, "EXAMPLE.com")).isTrue();
        assertThat(policy.mayAccept(stranger, "sub.example.com")).isFalse();
        assertThat(policy.mayAccept(stranger, "other.test")).isFalse();
        assertThat(policy.mayAccept(inside, "other.test")).isTrue();
        assertThat(policy.mayAccept(InetAddress.getLoopbackAddress(), "other.test")).isFalse();
    }
}
