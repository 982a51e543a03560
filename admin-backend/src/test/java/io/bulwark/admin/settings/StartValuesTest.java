package io.bulwark.admin.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.TlsPolicySettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The properties as start values, with the gateway's names and defaults. */
class StartValuesTest {

    @Test
    void withoutPropertiesTheGatewaysDefaultsApply() {
        StartValues start = StartValues.from(new MockEnvironment());
        assertThat(start.tlsPolicy()).isEqualTo(new TlsPolicySettings("may", false, "may", Map.of()));
        assertThat(start.mta()).isEqualTo(new MtaSettings(10_240_000, 1000, 100, 10, 300, 300, null));
        assertThat(start.modules()).isEqualTo(ModuleSwitches.allOn());
        assertThat(start.dns()).isEqualTo(new DnsServerSettings(List.of(), 10_000));
    }

    @Test
    void thePropertiesAreReadWithRelaxedNamesAndPostfixLevels() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("bulwark.smtp.tls", "required")
                .withProperty("bulwark.delivery.tls", "verify")
                .withProperty("bulwark.routing.tls-policy.partner.example", "encrypt")
                .withProperty("bulwark.smtp.max-message-size", "5MB")
                .withProperty("bulwark.smtp.max-recipients", "50")
                .withProperty("bulwark.smtp.command-timeout", "2m")
                .withProperty("bulwark.smtp.hostname", "MX.Corp.Example")
                .withProperty("bulwark.dns.servers", "192.0.2.53,127.0.0.1:5353")
                .withProperty("bulwark.dns.timeout", "3s");
        StartValues start = StartValues.from(env);
        assertThat(start.tlsPolicy()).isEqualTo(new TlsPolicySettings("encrypt", false, "verify",
                Map.of("partner.example", "encrypt")));
        assertThat(start.mta()).isEqualTo(new MtaSettings(5L * 1024 * 1024, 50, 100, 10, 120, 300, "mx.corp.example"));
        assertThat(start.dns()).isEqualTo(new DnsServerSettings(List.of("192.0.2.53", "127.0.0.1:5353"), 3000));
        assertThat(new StartValues(start.tlsPolicy(), start.mta(), start.modules(), start.dns()).tlsPolicy().problems())
                .isEmpty();
        assertThat(StartValues.from(new MockEnvironment().withProperty("bulwark.smtp.tls", "off")).tlsPolicy()
                .inbound()).isEqualTo("none");
    }
}
