package io.bulwark.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.AdminProperties;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class LoginAuditorTest {

    private static final Set<String> ACCOUNTS = Set.of("admin", "siem", "helpdesk");
    private final List<AdminLoginRecordedEvent> recorded = new ArrayList<>();
    private LoginThrottle throttle;
    private Instant now = Instant.parse("2026-11-20T08:00:00Z");

    private LoginAuditor auditor(Duration apiLoginInterval) {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.stream().map(EventMessage::getPayload)
                .forEach(p -> recorded.add((AdminLoginRecordedEvent) p)));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        throttle = new LoginThrottle(0, Duration.ofMinutes(5), Duration.ofHours(1), 100, Duration.ofHours(1), clock);
        return new LoginAuditor(DefaultEventGateway.builder().eventBus(bus).build(),
                new AdminProperties(null, new AdminProperties.Audit(apiLoginInterval)), clock, throttle,
                ACCOUNTS::contains);
    }

    private static void request(String uri, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setRemoteAddr(address);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static AuthenticationSuccessEvent success(String user) {
        return new AuthenticationSuccessEvent(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
    }

    @AfterEach
    void tearDown() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void recordsAConsoleLoginWithAddressAndChannel() {
        request("/login", "192.0.2.1");
        auditor(Duration.ofMinutes(15)).onSuccess(success("admin"));
        assertThat(recorded).containsExactly(
                new AdminLoginRecordedEvent("admin", true, "192.0.2.1", "console", now, false, false));
    }

    @Test
    void recordsEveryFailureOfAKnownAccountNamingIt() {
        request("/api/v1/events", "192.0.2.2");
        LoginAuditor auditor = auditor(Duration.ofMinutes(15));
        var failure = failure("helpdesk");
        auditor.onFailure(failure);
        auditor.onFailure(failure);
        assertThat(recorded).hasSize(2).allSatisfy(login -> {
            assertThat(login.username()).isEqualTo("helpdesk");
            assertThat(login.unknownAccount()).isFalse();
            assertThat(login.success()).isFalse();
            assertThat(login.throttled()).isFalse();
            assertThat(login.channel()).isEqualTo("api");
        });
    }

    @Test
    void recordsAFailureForAnUnknownUsernameWithoutWhatWasTyped() {
        request("/login", "192.0.2.2");
        auditor(Duration.ofMinutes(15)).onFailure(failure("correct-horse-battery"));
        assertThat(recorded).containsExactly(
                new AdminLoginRecordedEvent(null, false, "192.0.2.2", "console", now, true, false));
    }

    @Test
    void recordsAnAttemptTheThrottleRefusedOncePerIntervalPerAddressAndAccount() {
        request("/api/v1/events", "192.0.2.5");
        auditor(Duration.ofMinutes(15));
        throttle.refused("192.0.2.5", "admin");
        throttle.refused("192.0.2.5", "admin");
        throttle.refused("192.0.2.5", "hunter2");
        throttle.refused("192.0.2.5", "another-typo");
        now = now.plus(Duration.ofMinutes(16));
        throttle.refused("192.0.2.5", "admin");
        assertThat(recorded).containsExactly(
                new AdminLoginRecordedEvent("admin", false, "192.0.2.5", "api", now.minus(Duration.ofMinutes(16)),
                        false, true),
                new AdminLoginRecordedEvent(null, false, "192.0.2.5", "api", now.minus(Duration.ofMinutes(16)),
                        true, true),
                new AdminLoginRecordedEvent("admin", false, "192.0.2.5", "api", now, false, true));
    }

    private static AuthenticationFailureBadCredentialsEvent failure(String typed) {
        return new AuthenticationFailureBadCredentialsEvent(
                UsernamePasswordAuthenticationToken.unauthenticated(typed, "guess"), new BadCredentialsException("x"));
    }

    @Test
    void recordsRepeatedApiAuthenticationsOncePerInterval() {
        request("/api/v1/events", "192.0.2.3");
        LoginAuditor auditor = auditor(Duration.ofMinutes(15));
        auditor.onSuccess(success("siem"));
        now = now.plusSeconds(60);
        auditor.onSuccess(success("siem"));
        request("/api/v1/events", "192.0.2.4");
        auditor.onSuccess(success("siem"));
        now = now.plus(Duration.ofMinutes(15));
        auditor.onSuccess(success("siem"));
        assertThat(recorded).extracting(AdminLoginRecordedEvent::remoteAddress)
                .containsExactly("192.0.2.3", "192.0.2.4", "192.0.2.4");
    }

    @Test
    void recordsEveryApiAuthenticationWhenTheIntervalIsZero() {
        request("/api/v1/events", "192.0.2.3");
        LoginAuditor auditor = auditor(Duration.ZERO);
        auditor.onSuccess(success("siem"));
        auditor.onSuccess(success("siem"));
        assertThat(recorded).hasSize(2);
    }
}
