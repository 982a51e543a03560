package io.bulwark.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.AdminProperties;
import io.bulwark.events.admin.AdminLockedOutEvent;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.AdminLogoutRecordedEvent;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Lockouts and logouts become events (issue 14), after the failure that caused them. */
class LoginAuditorLockoutTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    private final List<Object> recorded = new ArrayList<>();
    private LoginAuditor auditor;

    @BeforeEach
    void setUp() {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(recorded::add));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(5), Duration.ofHours(1), 3,
                Duration.ofMinutes(15), clock);
        auditor = new LoginAuditor(DefaultEventGateway.builder().eventBus(bus).build(),
                new AdminProperties(null, new AdminProperties.Audit(Duration.ofMinutes(15))), clock, throttle,
                Set.of("admin")::contains);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr("198.51.100.7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @AfterEach
    void tearDown() {
        RequestContextHolder.resetRequestAttributes();
    }

    private void fail(String typed) {
        auditor.onFailure(new AuthenticationFailureBadCredentialsEvent(
                UsernamePasswordAuthenticationToken.unauthenticated(typed, "wrong"), new BadCredentialsException("bad")));
    }

    @Test
    void theFailureThatReachesTheLimitIsFollowedByOneLockoutPerLockedKey() {
        fail("admin");
        fail("admin");
        fail("admin");
        fail("admin");

        assertThat(recorded).hasSize(6);
        assertThat(recorded.subList(0, 3)).allMatch(AdminLoginRecordedEvent.class::isInstance);
        assertThat(recorded.get(3)).isEqualTo(new AdminLockedOutEvent(null, "198.51.100.7",
                AdminLockedOutEvent.ADDRESS, 3, NOW.plus(Duration.ofMinutes(15)), NOW));
        assertThat(recorded.get(4)).isEqualTo(new AdminLockedOutEvent("admin", "198.51.100.7",
                AdminLockedOutEvent.ACCOUNT, 3, NOW.plus(Duration.ofMinutes(15)), NOW));
        assertThat(recorded.get(5)).as("a fourth failure starts no new lock").isInstanceOf(AdminLoginRecordedEvent.class);
    }

    @Test
    void anUnknownAccountLocksOnlyTheAddressAndNamesNoOne() {
        fail("correct-horse-battery");
        fail("correct-horse-battery");
        fail("correct-horse-battery");

        assertThat(recorded).filteredOn(AdminLockedOutEvent.class::isInstance).containsExactly(
                new AdminLockedOutEvent(null, "198.51.100.7", AdminLockedOutEvent.ADDRESS, 3,
                        NOW.plus(Duration.ofMinutes(15)), NOW));
        assertThat(recorded.toString()).doesNotContain("correct-horse-battery");
    }

    @Test
    void aLogoutIsRecordedWithTheAddress() {
        auditor.onLogout(new LogoutSuccessEvent(UsernamePasswordAuthenticationToken.authenticated("admin", null,
                List.of())));

        assertThat(recorded).containsExactly(new AdminLogoutRecordedEvent("admin", "198.51.100.7", "console", NOW));
    }
}
