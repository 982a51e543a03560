package io.bulwark.gateway.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.gateway.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * How {@code bulwark.scan.*} and {@code bulwark.senderauth.*} bind: per-module time limits, the old
 * single timeout, symbol weights, trusted ARC sealers.
 */
class ScanPropertiesTest {

    private static GatewayProperties.Scan bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bulwark", GatewayProperties.class).scan();
    }

    @Test
    void modulesKeepTheReferenceDefaultsUnlessATimeLimitIsConfigured() {
        GatewayProperties.Scan scan = bind(Map.of("bulwark.scan.time-limits.anti-spam", "5s"));
        assertThat(scan.moduleTimeLimits()).containsExactly(Map.entry(ProtectionModule.ANTI_SPAM, Duration.ofSeconds(5)));
    }

    @Test
    void theOldSingleTimeoutAppliesToEveryModuleAndPerModuleLimitsWin() {
        GatewayProperties.Scan scan = bind(Map.of("bulwark.scan.timeout", "10s",
                "bulwark.scan.time-limits.anti-virus", "60s"));
        assertThat(scan.moduleTimeLimits()).hasSize(ProtectionModule.values().length)
                .containsEntry(ProtectionModule.ANTI_SPAM, Duration.ofSeconds(10))
                .containsEntry(ProtectionModule.ANTI_VIRUS, Duration.ofSeconds(60));
    }

    @Test
    void symbolWeightsAreKeyedByTheSymbolsUpperCaseName() {
        GatewayProperties.Scan scan = bind(Map.of("bulwark.scan.symbols.GTUBE_TEST_VARIANT.weight", "10",
                "bulwark.scan.symbols.gtube.weight", "90"));
        assertThat(scan.symbolWeights()).containsExactly(Map.entry("GTUBE", 90.0), Map.entry("GTUBE_TEST_VARIANT", 10.0));
    }

    @Test
    void trustedArcSealersAreACommaSeparatedListOfLowerCaseDomainsEmptyByDefault() {
        GatewayProperties none = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("bulwark", GatewayProperties.class);
        assertThat(none.senderauth().trustedArcSealers()).isEmpty();
        GatewayProperties some = new Binder(new MapConfigurationPropertySource(Map.of(
                "bulwark.senderauth.trusted-arc-sealers", "Lists.Example.org, gw.partner.example,")))
                .bindOrCreate("bulwark", GatewayProperties.class);
        assertThat(some.senderauth().trustedArcSealers()).containsExactly("lists.example.org", "gw.partner.example");
    }

    @Test
    void theBuiltInChecksIncludeDmarcAfterSpfAndFormAValidPipeline() {
        var checks = BuiltInChecks.all("mx.corp.example", List.of("lists.example.org"));
        assertThat(checks).extracting(io.bulwark.scan.Check::name).contains("spf", "dmarc");
        // DKIM and ARC are optional dependencies of DMARC: the pipeline starts without them
        try (var pipeline = new io.bulwark.scan.pipeline.CheckPipeline(checks,
                io.bulwark.scan.SymbolRegistry.of(checks, Map.of()), Map.of(), io.bulwark.scan.ScanServices.none())) {
            assertThat(pipeline.checks()).extracting(io.bulwark.scan.Check::name).containsSubsequence("spf", "dmarc");
        }
    }

    @Test
    void antivirusEnginesAreOffUntilConfiguredAndTheClamdAddressIsCheckedAtStart() {
        GatewayProperties none = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("bulwark", GatewayProperties.class);
        assertThat(none.antivirus().databaseDir()).isNull();
        assertThat(none.antivirus().clamd().address()).isNull();
        assertThat(AntivirusEngines.of(none.antivirus()).checks()).isEmpty();

        GatewayProperties both = new Binder(new MapConfigurationPropertySource(Map.of(
                "bulwark.antivirus.database-dir", "/nonexistent/bulwark-db",
                "bulwark.antivirus.clamd.address", "tcp:127.0.0.1:3310")))
                .bindOrCreate("bulwark", GatewayProperties.class);
        assertThat(both.antivirus().reloadInterval()).isEqualTo(Duration.ofSeconds(60));
        try (AntivirusEngines engines = AntivirusEngines.of(both.antivirus())) {
            var checks = BuiltInChecks.all("mx.corp.example", List.of(), engines);
            assertThat(checks).extracting(io.bulwark.scan.Check::name).contains("eicar", "signatures", "clamd");
            // three anti-virus checks side by side: their symbols must not collide
            assertThat(io.bulwark.scan.SymbolRegistry.of(checks, Map.of())).isNotNull();
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of(
                "bulwark.antivirus.clamd.address", "127.0.0.1:3310"))).bindOrCreate("bulwark", GatewayProperties.class))
                .rootCause().hasMessageContaining("tcp:HOST:PORT or unix:PATH");
    }
}
