package io.bulwark.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF defence of the stateless API. A browser that once sent Basic credentials to the console's
 * host re-sends them on its own, also on a request a hostile page triggers, and several
 * state-changing POSTs take no body. So every request that is not GET, HEAD or OPTIONS must
 * <ul>
 *   <li>carry a JSON content type ({@code application/json} or {@code application/*+json}) or the
 *       header {@value #HEADER}: neither can be sent cross-site without a CORS preflight, which this
 *       API never grants (Fetch standard, "CORS-safelisted request-header");</li>
 *   <li>not come from another site: {@code Sec-Fetch-Site} must be absent, {@code same-origin} or
 *       {@code none}, and {@code Origin}, when present, must be this server's own origin (RFC 6454).</li>
 * </ul>
 * Scripts (curl, SIEM pollers) send neither {@code Origin} nor {@code Sec-Fetch-Site} and pass by
 * sending JSON or the header. A refusal is 403 with {@code {"error":"cross-site request refused"}}.
 * It runs before authentication, so a refused request is not a login attempt.
 *
 * <p>Stateless; thread-safe.
 */
public class CrossSiteRequestFilter extends OncePerRequestFilter {

    /** The header that marks a request as sent by a script, not by a form or a link. */
    public static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> ALLOWED_FETCH_SITES = Set.of("same-origin", "none");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || acceptable(request)) {
            chain.doFilter(request, response);
            return;
        }
        ApiErrorResponses.write(response, HttpServletResponse.SC_FORBIDDEN, "cross-site request refused");
    }

    static boolean acceptable(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !ALLOWED_FETCH_SITES.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request))) {
            return false;
        }
        String marker = request.getHeader(HEADER);
        return marker != null && !marker.isBlank() || isJson(request.getContentType());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || "application".equals(type.getType()) && type.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
