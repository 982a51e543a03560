package io.bulwark.admin.security;

import io.bulwark.admin.account.AdminAccountsProjection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An API account that must change its password (generated at the first start, or set by another
 * administrator) may do only that: read {@code /api/v1/accounts/me} and post its new password.
 * Anything else is 403 with the way out in the message. Placed after authentication; reads the
 * (subscribing, so current) accounts projection per request.
 */
final class PasswordChangeRequiredFilter extends OncePerRequestFilter {
    private final AdminAccountsProjection accounts;

    PasswordChangeRequiredFilter(AdminAccountsProjection accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user != null && user.isAuthenticated() && !"anonymousUser".equals(user.getName())
                && !allowed(request, user.getName())
                && accounts.find(user.getName()).map(a -> a.mustChangePassword()).orElse(false)) {
            ApiErrorResponses.write(response, HttpServletResponse.SC_FORBIDDEN,
                    "password change required: POST /api/v1/accounts/" + user.getName() + "/password");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowed(HttpServletRequest request, String username) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ("GET".equals(request.getMethod()) && path.equals("/api/v1/accounts/me"))
                || ("POST".equals(request.getMethod()) && path.equals("/api/v1/accounts/" + username + "/password"));
    }
}
