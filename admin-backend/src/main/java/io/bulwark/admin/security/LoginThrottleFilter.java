package io.bulwark.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API request with Basic credentials while its source address or username must wait
 * ({@link LoginThrottle}): 429 with {@code Retry-After} in seconds (RFC 6585 section 4), before the
 * password is checked, so a guess made during the wait is never evaluated. Requests without
 * credentials pass (they get the ordinary 401). Stateless apart from the throttle; thread-safe.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    public LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = basicUsername(request.getHeader("Authorization"));
        Optional<Duration> wait = username == null ? Optional.empty()
                : throttle.retryAfter(request.getRemoteAddr(), username);
        if (wait.isPresent()) {
            throttle.refused(request.getRemoteAddr(), username);
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            ApiErrorResponses.write(response, 429, "too many failed logins, retry later");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The username of a Basic {@code Authorization} header (RFC 7617), or null. */
    static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
