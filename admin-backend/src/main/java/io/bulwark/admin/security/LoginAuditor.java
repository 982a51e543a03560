package io.bulwark.admin.security;

import io.bulwark.admin.AdminProperties;
import io.bulwark.events.admin.AdminLockedOutEvent;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.AdminLogoutRecordedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.bulwark.admin.account.AdminAccountsProjection;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records every console login and every failed login as {@link AdminLoginRecordedEvent}, from Spring
 * Security's authentication events (published by the authentication manager of both filter
 * chains), every attempt the {@link LoginThrottle} refused before the password was checked, every
 * lock the throttle starts ({@link AdminLockedOutEvent}) and every console logout
 * ({@link AdminLogoutRecordedEvent}).
 *
 * <p>An attempt whose username is no known account is recorded without it ({@code unknownAccount}):
 * people type passwords into that field, and the audit log must not keep them (issue 18).
 *
 * <p>The channel is "api" for requests under {@code /api/}, "console" otherwise. Successful API
 * authentications of the same user from the same address are recorded at most once per
 * {@code bulwark.admin.audit.api-login-interval}, because the stateless API authenticates every
 * request (see {@link AdminProperties.Audit}); refused (throttled) attempts of the same account,
 * or of unknown ones, from the same address likewise, so a guesser hammering the throttle cannot
 * flood the event store.
 *
 * <p>Runs on the request thread; thread-safe.
 */
@Component
public class LoginAuditor {

    /** Channel of console logins. */
    public static final String CONSOLE = "console";
    /** Channel of API authentications. */
    public static final String API = "api";
    private static final int MAX_REMEMBERED = 10_000;

    private final EventGateway eventGateway;
    private final Duration apiLoginInterval;
    private final Clock clock;
    /** Last recorded API success or throttled attempt per key, for the once-per-interval rule. */
    private final Map<String, Instant> lastApiSuccess = new ConcurrentHashMap<>();

    private final LoginThrottle throttle;
    private final Predicate<String> knownAccount;

    @Autowired
    public LoginAuditor(EventGateway eventGateway, AdminProperties properties, LoginThrottle throttle,
            AdminAccountsProjection accounts) {
        this(eventGateway, properties, Clock.systemUTC(), throttle,
                username -> username != null && accounts.find(username).isPresent());
    }

    LoginAuditor(EventGateway eventGateway, AdminProperties properties, Clock clock) {
        this(eventGateway, properties, clock, null, username -> true);
    }

    LoginAuditor(EventGateway eventGateway, AdminProperties properties, Clock clock, LoginThrottle throttle,
            Predicate<String> knownAccount) {
        this.eventGateway = eventGateway;
        this.apiLoginInterval = properties.audit().apiLoginInterval();
        this.clock = clock;
        this.throttle = throttle;
        this.knownAccount = knownAccount;
        if (throttle != null) {
            throttle.onRefusal(this::recordRefused);
            throttle.onLockout(this::recordLockout);
        }
    }

    /** A console logout (Spring Security publishes it from the logout filter). */
    @EventListener
    public void onLogout(LogoutSuccessEvent event) {
        HttpServletRequest request = currentRequest();
        eventGateway.publish(new AdminLogoutRecordedEvent(event.getAuthentication().getName(),
                remoteAddress(event.getAuthentication(), request), channel(request), clock.instant()));
    }

    /** A lock started by the throttle: one event per lock (the attempts it then refuses are throttled logins). */
    void recordLockout(String username, String address, int failures, Instant until) {
        eventGateway.publish(new AdminLockedOutEvent(username, address,
                username == null ? AdminLockedOutEvent.ADDRESS : AdminLockedOutEvent.ACCOUNT, failures, until,
                clock.instant()));
    }

    @EventListener
    public void onSuccess(AuthenticationSuccessEvent event) {
        record(event.getAuthentication(), true);
    }

    @EventListener
    public void onFailure(AbstractAuthenticationFailureEvent event) {
        record(event.getAuthentication(), false);
    }

    private void record(Authentication authentication, boolean success) {
        HttpServletRequest request = currentRequest();
        String channel = channel(request);
        String address = remoteAddress(authentication, request);
        String username = authentication.getName();
        Instant now = clock.instant();
        boolean known = success || knownAccount.test(username);
        if (success && throttle != null) {
            throttle.succeeded(address, username);
        }
        if (!success || !API.equals(channel) || firstInInterval(username + '|' + address, now)) {
            eventGateway.publish(known
                    ? AdminLoginRecordedEvent.ofAccount(username, success, address, channel, now, false)
                    : AdminLoginRecordedEvent.ofUnknownAccount(address, channel, now, false));
        }
        if (!success && throttle != null) {
            // Counted after the failure is recorded, so a lock it starts follows it in the log.
            // An unknown username is counted by address only: what people type there may be a password.
            throttle.failed(address, known ? username : null);
        }
    }

    /** An attempt refused by the throttle, as the filters saw it (username as typed, may be null). */
    void recordRefused(String address, String typedUsername) {
        String channel = channel(currentRequest());
        Instant now = clock.instant();
        boolean known = knownAccount.test(typedUsername);
        String who = known ? "user:" + typedUsername : "unknown";
        if (!firstInInterval("refused|" + who + '|' + address, now)) {
            return;
        }
        eventGateway.publish(known
                ? AdminLoginRecordedEvent.ofAccount(typedUsername, false, address, channel, now, true)
                : AdminLoginRecordedEvent.ofUnknownAccount(address, channel, now, true));
    }

    private boolean firstInInterval(String key, Instant now) {
        if (apiLoginInterval.isZero()) {
            return true;
        }
        if (lastApiSuccess.size() > MAX_REMEMBERED) {
            lastApiSuccess.values().removeIf(at -> at.plus(apiLoginInterval).isBefore(now));
        }
        boolean[] record = {false};
        lastApiSuccess.compute(key, (k, last) -> {
            if (last == null || !last.plus(apiLoginInterval).isAfter(now)) {
                record[0] = true;
                return now;
            }
            return last;
        });
        return record[0];
    }

    private static String remoteAddress(Authentication authentication, HttpServletRequest request) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
            return details.getRemoteAddress();
        }
        return request == null ? null : request.getRemoteAddr();
    }

    private static String channel(HttpServletRequest request) {
        return request != null && request.getRequestURI().startsWith(request.getContextPath() + "/api/") ? API : CONSOLE;
    }

    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}
