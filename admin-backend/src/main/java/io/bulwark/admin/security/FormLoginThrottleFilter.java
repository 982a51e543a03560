package io.bulwark.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's side of {@link LoginThrottle}: a form login ({@code POST <loginPath>}) while the
 * address or username must wait is sent back to the login page with {@code ?error} before the
 * password is checked, as a wrong password would be, so the page does not tell a guesser whether
 * the account exists. Thread-safe.
 */
public class FormLoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final String loginPath;

    public FormLoginThrottleFilter(LoginThrottle throttle, String loginPath) {
        this.throttle = throttle;
        this.loginPath = loginPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + loginPath)
                && throttle.retryAfter(request.getRemoteAddr(), request.getParameter("username")).isPresent()) {
            throttle.refused(request.getRemoteAddr(), request.getParameter("username"));
            response.sendRedirect(request.getContextPath() + loginPath + "?error");
            return;
        }
        chain.doFilter(request, response);
    }
}
