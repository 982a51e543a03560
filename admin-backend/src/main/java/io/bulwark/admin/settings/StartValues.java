package io.bulwark.admin.settings;

import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.TlsPolicySettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The settings areas' values before their first change: the node's properties, read with the names
 * and defaults the gateway binds them with ({@code GatewayProperties}: {@code bulwark.smtp.*},
 * {@code bulwark.routing.tls-policy.*}, {@code bulwark.delivery.tls}, {@code bulwark.dns.*}). The
 * admin side does not see the gateway's classes, so the defaults are repeated here (ADR 0031: a
 * drift would only change what the first change records as "before"). Injected into {@link SettingsArea} as an Axon resource so the
 * first change records them as what was before.
 *
 * @param tlsPolicy the STARTTLS policies: {@code bulwark.smtp.tls} ({@code off|offered|required} as
 *                  {@code none|may|encrypt}), {@code bulwark.delivery.tls}, {@code bulwark.routing.tls-policy}
 * @param mta       {@code bulwark.smtp.max-message-size}, {@code max-recipients}, {@code max-connections},
 *                  {@code max-connections-per-client}, {@code command-timeout}, {@code data-timeout},
 *                  {@code hostname} (unset: each node its own name)
 * @param modules   every module on (no property switches a module off globally)
 * @param dns       {@code bulwark.dns.servers} and {@code bulwark.dns.timeout}
 */
public record StartValues(TlsPolicySettings tlsPolicy, MtaSettings mta, ModuleSwitches modules,
        DnsServerSettings dns) {

    public static StartValues from(Environment environment) {
        Binder b = Binder.get(environment);
        String inbound = switch (b.bind("bulwark.smtp.tls", String.class).orElse("offered").strip()
                .toLowerCase(Locale.ROOT)) {
            case "off" -> "none";
            case "required" -> "encrypt";
            default -> "may";
        };
        TlsPolicySettings tls = new TlsPolicySettings(inbound, false,
                b.bind("bulwark.delivery.tls", String.class).orElse("may"),
                b.bind("bulwark.routing.tls-policy", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        MtaSettings mta = new MtaSettings(
                b.bind("bulwark.smtp.max-message-size", DataSize.class).orElse(DataSize.ofBytes(10_240_000)).toBytes(),
                b.bind("bulwark.smtp.max-recipients", Integer.class).orElse(1000),
                b.bind("bulwark.smtp.max-connections", Integer.class).orElse(100),
                b.bind("bulwark.smtp.max-connections-per-client", Integer.class).orElse(10),
                b.bind("bulwark.smtp.command-timeout", Duration.class).orElse(Duration.ofSeconds(300)).toSeconds(),
                b.bind("bulwark.smtp.data-timeout", Duration.class).orElse(Duration.ofSeconds(300)).toSeconds(),
                b.bind("bulwark.smtp.hostname", String.class).orElse(null));
        DnsServerSettings dns = new DnsServerSettings(
                b.bind("bulwark.dns.servers", Bindable.listOf(String.class)).orElse(List.of()).stream()
                        .filter(s -> !s.isBlank()).toList(),
                b.bind("bulwark.dns.timeout", Duration.class).orElse(Duration.ofSeconds(10)).toMillis());
        return new StartValues(tls, mta, ModuleSwitches.allOn(), dns);
    }
}
