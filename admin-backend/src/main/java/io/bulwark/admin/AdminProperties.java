package io.bulwark.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin backend, under {@code bulwark.admin}.
 *
 * @param initialPassword password of the {@code admin} account created on the very first start, when
 *                        no account exists yet; ignored afterwards. When unset, a random password is
 *                        generated and logged once.
 * @param audit           login auditing settings
 */
@ConfigurationProperties("bulwark.admin")
public record AdminProperties(String initialPassword, Audit audit) {

    public AdminProperties {
        audit = audit == null ? new Audit(null) : audit;
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
