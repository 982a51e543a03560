package io.bulwark.admin.cef;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Initial settings of the CEF export, under {@code bulwark.cef} (docs/cef.md). {@code enabled},
 * {@code target} and {@code facility} are only the values in force until an administrator changes
 * them (console or {@code PUT /api/v1/settings/cef}); from then on the recorded change wins.
 *
 * @param enabled  export on (default false, as in the reference: disabled by default)
 * @param target   {@code udp://host:port}, {@code tcp://host:port} or {@code tls://host:port}
 * @param facility syslog facility (default {@code local0})
 * @param tls      trust for {@code tls://} targets
 */
@ConfigurationProperties("bulwark.cef")
public record CefExportProperties(Boolean enabled, String target, String facility, Tls tls) {

    @ConstructorBinding
    public CefExportProperties {
        enabled = enabled != null && enabled;
        target = target == null ? "" : target.strip();
        facility = facility == null || facility.isBlank() ? "local0" : facility.strip();
        tls = tls == null ? new Tls(null) : tls;
    }

    /**
     * @param caFile PEM file with the CA certificate(s) a TLS target's certificate must chain to;
     *               unset: the JDK's default trust store
     */
    public record Tls(String caFile) {
    }

    /** The settings these properties stand for (checked: a bad target or facility fails the start). */
    public CefExportSettings settings() {
        try {
            return CefExportSettings.of(enabled, target, facility);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bulwark.cef: " + e.getMessage(), e);
        }
    }
}
