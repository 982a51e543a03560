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
 * @param login           login throttling
 */
@ConfigurationProperties("bulwark.admin")
public record AdminProperties(String initialPassword, Audit audit, String bindAddress, Tls tls, Login login) {

    @ConstructorBinding
    public AdminProperties {
        audit = audit == null ? new Audit(null) : audit;
        tls = tls == null ? new Tls(null, null, null) : tls;
        login = login == null ? new Login(null, null, null, null, null) : login;
    }

    public AdminProperties(String initialPassword, Audit audit) {
        this(initialPassword, audit, null, null, null);
    }

    /**
     * Login throttling (LoginThrottle), per source address and per known username.
     *
     * @param freeFailures failures before any wait (default 5)
     * @param baseDelay    first wait (default 1s), doubling with each further failure
     * @param maxDelay     longest growing wait (default 1m)
     * @param lockoutAfter failures that lock the address or username (default 20)
     * @param lockout      how long such a lock lasts (default 15m)
     */
    public record Login(Integer freeFailures, Duration baseDelay, Duration maxDelay, Integer lockoutAfter,
            Duration lockout) {
        public Login {
            freeFailures = freeFailures == null ? 5 : freeFailures;
            baseDelay = baseDelay == null ? Duration.ofSeconds(1) : baseDelay;
            maxDelay = maxDelay == null ? Duration.ofMinutes(1) : maxDelay;
            lockoutAfter = lockoutAfter == null ? 20 : lockoutAfter;
            lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        }
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
