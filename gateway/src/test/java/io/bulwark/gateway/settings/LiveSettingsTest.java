package io.bulwark.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.DnsServerSettingsChangedEvent;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent;
import io.bulwark.events.settings.TlsPolicySettings;
import io.bulwark.events.settings.TlsPolicySettingsChangedEvent;
import io.bulwark.gateway.dns.DnsResolver;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.routing.LiveRouting;
import io.bulwark.gateway.routing.TlsPolicy;
import io.bulwark.gateway.smtp.BareNewlinePolicy;
import io.bulwark.gateway.smtp.InboundTlsPolicy;
import io.bulwark.gateway.smtp.SessionSettings;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSettingsTest {
    private static final SessionSettings SESSION = new SessionSettings("gw.test", 10_240_000, 1000, 100, 10, 100,
            Duration.ofSeconds(300), Duration.ofSeconds(300), 10, 20, Duration.ofSeconds(1), 2048,
            BareNewlinePolicy.NORMALIZE, InboundTlsPolicy.OFFERED, false);

    private static LiveSettings live(GatewayPolicy policy, List<String> dnsServers, boolean tlsAvailable) {
        return new LiveSettings(new LiveSettings.Start(SESSION,
                new LiveRouting.OutboundTlsPolicies(Map.of(), TlsPolicy.MAY),
                new DnsServerSettings(dnsServers, 5000)), policy::recorded, tlsAvailable);
    }

    @Test
    void beforeAnyChangeThePropertiesApplyAndTheSameInstancesAreHandedOut() {
        LiveSettings settings = live(new GatewayPolicy(), List.of(), true);
        assertThat(settings.session()).isSameAs(SESSION);
        assertThat(settings.outboundTls()).isSameAs(settings.outboundTls());
        assertThat(settings.dnsSettings()).isSameAs(settings.dnsSettings());
        assertThat(settings.switchedOff()).isEmpty();
    }

    @Test
    void aTlsChangeGivesNewSessionsTheLevelAndDeliveryItsPoliciesOnce() {
        GatewayPolicy policy = new GatewayPolicy();
        LiveSettings settings = live(policy, List.of(), true);
        policy.apply(new TlsPolicySettingsChangedEvent(null, new TlsPolicySettings("encrypt", true, "encrypt",
                Map.of("partner.example", "verify")), "alice", Instant.now()), 0);
        assertThat(settings.session().tls()).isEqualTo(InboundTlsPolicy.REQUIRED);
        assertThat(settings.session().requireClientCertificate()).isTrue();
        assertThat(settings.session().maxMessageSize()).isEqualTo(10_240_000);
        LiveRouting.OutboundTlsPolicies outbound = settings.outboundTls();
        assertThat(outbound.defaultPolicy()).isEqualTo(TlsPolicy.ENCRYPT);
        assertThat(outbound.perDomain()).containsEntry("partner.example", "verify");
        assertThat(settings.outboundTls()).isSameAs(outbound);
    }

    @Test
    void aNodeWithoutACertificateAppliesInboundEncryptAsNone() {
        GatewayPolicy policy = new GatewayPolicy();
        LiveSettings settings = live(policy, List.of(), false);
        policy.apply(new TlsPolicySettingsChangedEvent(null, new TlsPolicySettings("encrypt", false, "may", Map.of()),
                "alice", Instant.now()), 0);
        assertThat(settings.session().tls()).isEqualTo(InboundTlsPolicy.OFF);
    }

    @Test
    void switchedOffModulesAreNamed() {
        GatewayPolicy policy = new GatewayPolicy();
        LiveSettings settings = live(policy, List.of(), true);
        policy.apply(new ModuleSwitchesSettingsChangedEvent(ModuleSwitches.allOn(),
                new ModuleSwitches(true, false, true, false, true), "alice", Instant.now()), 0);
        assertThat(settings.switchedOff()).containsExactlyInAnyOrder(ProtectionModule.ANTI_SPAM,
                ProtectionModule.SENDER_AUTHENTICATION);
    }

    @Test
    void aDnsChangeMovesDeliveryLookupsToTheNewServers() throws Exception {
        try (LoopbackDnsServer first = new LoopbackDnsServer().mx("corp.example", 10, "mx1.corp.example").ttl(3600);
                LoopbackDnsServer second = new LoopbackDnsServer().mx("corp.example", 10, "mx2.corp.example")) {
            GatewayPolicy policy = new GatewayPolicy();
            LiveSettings settings = live(policy, List.of(first.address()), true);
            DnsResolver resolver = new DnsResolver(settings::dnsSettings);
            assertThat(resolver.lookupMx("corp.example")).isEqualTo(new DnsResolver.MxResult.Found(
                    List.of(new DnsResolver.MxHost(10, "mx1.corp.example"))));

            policy.apply(new DnsServerSettingsChangedEvent(null, new DnsServerSettings(List.of(second.address()), 2000),
                    "alice", Instant.now()), 0);
            assertThat(resolver.lookupMx("corp.example")).isEqualTo(new DnsResolver.MxResult.Found(
                    List.of(new DnsResolver.MxHost(10, "mx2.corp.example"))));
            assertThat(settings.dnsSettings().timeout()).isEqualTo(Duration.ofMillis(2000));
            assertThat(first.queries()).hasSize(1);
        }
    }
}
