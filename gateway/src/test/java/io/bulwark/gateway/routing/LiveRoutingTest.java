package io.bulwark.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.gateway.policy.GatewayPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveRoutingTest {
    private static final RoutingSettings START = new RoutingSettings(List.of("corp.example"), List.of("198.51.100.0/24"),
            "[10.0.0.5]:2525", Map.of(), List.of());
    private static final RoutingSettings CHANGED = new RoutingSettings(List.of("corp.example", "new.example"),
            List.of("192.0.2.0/24"), null, Map.of("new.example", "[10.0.0.9]"), List.of("new.example"));

    private static RoutingSettingsChangedEvent changed(RoutingSettings before, RoutingSettings after) {
        return new RoutingSettingsChangedEvent(before, after, "alice", Instant.now());
    }

    @Test
    void thePropertiesApplyUntilAChangeIsRecordedAndTheChangeAppliesToTheNextRead() throws Exception {
        GatewayPolicy policy = new GatewayPolicy();
        LiveRouting routing = new LiveRouting(START, policy::routing, 25, Map.of(), TlsPolicy.MAY);
        assertThat(routing.relayPolicy().isRelayDomain("new.example")).isFalse();
        assertThat(routing.router().route("other.example")).hasToString("[10.0.0.5]:2525");
        assertThat(routing.trustedNetworks().contains("198.51.100.7")).isTrue();

        policy.apply(changed(START, CHANGED), 0);

        assertThat(routing.relayPolicy().isRelayDomain("new.example")).isTrue();
        assertThat(routing.router().route("new.example")).hasToString("[10.0.0.9]:25");
        assertThat(routing.router().route("other.example")).hasToString("other.example:25");
        assertThat(routing.trustedNetworks().contains("198.51.100.7")).isFalse();
        assertThat(routing.verifyRecipients()).containsExactly("new.example");
    }

    @Test
    void eventsOfTheRoutingStreamApplyInOrderOnceEach() {
        GatewayPolicy policy = new GatewayPolicy();
        assertThat(policy.apply(changed(START, CHANGED), 1)).isEqualTo(GatewayPolicy.Applied.GAP);
        assertThat(policy.routing()).isNull();
        assertThat(policy.apply(changed(START, START), 0)).isEqualTo(GatewayPolicy.Applied.APPLIED);
        assertThat(policy.apply(changed(START, START), 0)).isEqualTo(GatewayPolicy.Applied.DUPLICATE);
        assertThat(policy.apply(changed(START, CHANGED), 1)).isEqualTo(GatewayPolicy.Applied.APPLIED);
        assertThat(policy.routing()).isEqualTo(CHANGED);
        assertThat(policy.routingVersion()).isEqualTo(1);
        policy.reset();
        assertThat(policy.routing()).isNull();
    }

    @Test
    void aRecordedRoutingThatCannotBeBuiltLeavesTheLastGoodOneInForce() {
        GatewayPolicy policy = new GatewayPolicy();
        LiveRouting routing = new LiveRouting(START, policy::routing, 25, Map.of(), TlsPolicy.MAY);
        RoutingSettings unparsable = new RoutingSettings(List.of("corp.example"), List.of("not-a-network"), null,
                Map.of(), List.of());
        policy.apply(changed(START, unparsable), 0);

        assertThat(routing.router().route("other.example")).hasToString("[10.0.0.5]:2525");
        assertThat(routing.relayPolicy().isRelayDomain("corp.example")).isTrue();
    }
}
