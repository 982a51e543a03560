package io.bulwark.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-01T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    /** 2 free failures, then 10s doubling up to 60s; locked for 15 minutes at the 6th failure. */
    private final LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(10), Duration.ofSeconds(60), 6,
            Duration.ofMinutes(15), clock);

    @Test
    void waitsGrowWithEveryFailureAfterTheFreeOnesUpToTheCap() {
        throttle.failed("192.0.2.1", "admin");
        throttle.failed("192.0.2.1", "admin");
        assertThat(throttle.retryAfter("192.0.2.1", "admin")).isEmpty();

        throttle.failed("192.0.2.1", "admin");
        assertThat(throttle.retryAfter("192.0.2.1", "admin")).hasValue(Duration.ofSeconds(10));
        now = now.plusSeconds(10);
        assertThat(throttle.retryAfter("192.0.2.1", "admin")).isEmpty();

        throttle.failed("192.0.2.1", "admin");
        assertThat(throttle.retryAfter("192.0.2.1", "admin")).hasValue(Duration.ofSeconds(20));
        now = now.plusSeconds(20);
        throttle.failed("192.0.2.1", "admin");
        assertThat(throttle.retryAfter("192.0.2.1", "admin")).hasValue(Duration.ofSeconds(40));
    }

    @Test
    void repeatedFailuresLockTheUsernameFromEveryAddressForTheLockoutTime() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("192.0.2." + i, "helpdesk");
        }
        assertThat(throttle.retryAfter("198.51.100.9", "helpdesk")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.retryAfter("198.51.100.9", "admin")).isEmpty();
        now = now.plus(Duration.ofMinutes(15));
        assertThat(throttle.retryAfter("198.51.100.9", "helpdesk")).isEmpty();
    }

    @Test
    void oneAddressTryingManyUsernamesIsSlowedByItsAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("203.0.113.5", null);
        }
        assertThat(throttle.retryAfter("203.0.113.5", "anyone")).hasValue(Duration.ofSeconds(10));
        assertThat(throttle.retryAfter("203.0.113.6", "anyone")).isEmpty();
    }

    @Test
    void aSuccessClearsTheCounts() {
        throttle.failed("192.0.2.1", "admin");
        throttle.failed("192.0.2.1", "admin");
        throttle.succeeded("192.0.2.1", "admin");
        throttle.failed("192.0.2.1", "admin");
        assertThat(throttle.retryAfter("192.0.2.1", "admin")).isEmpty();
    }
}
