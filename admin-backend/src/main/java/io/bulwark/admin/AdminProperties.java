package io.bulwark.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Settings of the admin backend, under {@code bulwark.admin}.
 *
 * @param initialPassword password of the {@code admin} account created on the very first start, when
 *                        no account exists yet; ignored afterwards. When unset, a random password is
 *                        generated and logged once.
 * @param audit           login auditing settings
 * @param bindAddress     address the console and API listen on (default: every address, or
 *                        {@code server.address} when set); {@code 127.0.0.1} keeps them local
 * @param tls             HTTPS of the console and API
 */
@ConfigurationProperties("bulwark.admin")
public record AdminProperties(String initialPassword, Audit audit, String bindAddress, Tls tls) {

    @ConstructorBinding
    public AdminProperties {
        audit = audit == null ? new Audit(null) : audit;
        tls = tls == null ? new Tls(null, null, null) : tls;
    }

    public AdminProperties(String initialPassword, Audit audit) {
        this(initialPassword, audit, null, null);
    }

    /**
     * HTTPS of the console and API, on {@code server.port} (see ConsoleTls).
     *
     * @param enabled     HTTPS on (default); false serves plain HTTP, for use behind a TLS proxy only
     * @param certificate PEM file with the certificate chain, leaf first; unset: a self-signed
     *                    certificate generated at first start in {@code ${bulwark.data-dir}/console-tls}
     * @param privateKey  PEM file with the certificate's unencrypted private key (PKCS#8, PKCS#1 or SEC1)
     */
    public record Tls(Boolean enabled, String certificate, String privateKey) {
        public Tls {
            enabled = enabled == null ? Boolean.TRUE : enabled;
        }
    }

    /**
     * @param apiLoginInterval successful HTTP Basic authentications of one user from one address are
     *                         recorded at most once per this interval (default 15 minutes; zero records
     *                         every request). The API is stateless, so every request authenticates:
     *                         a SIEM polling the event stream would otherwise write a login event per
     *                         poll and read it back on the next one. Failures and console logins are
     *                         always recorded.
     */
    public record Audit(Duration apiLoginInterval) {
        public Audit {
            apiLoginInterval = apiLoginInterval == null ? Duration.ofMinutes(15) : apiLoginInterval;
            if (apiLoginInterval.isNegative()) {
                throw new IllegalArgumentException("bulwark.admin.audit.api-login-interval must not be negative");
            }
        }
    }
}
