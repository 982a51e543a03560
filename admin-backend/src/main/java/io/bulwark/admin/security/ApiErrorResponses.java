package io.bulwark.admin.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * How the API refuses a request: the status and a one-line JSON body written directly, never
 * {@code sendError}. A servlet container turns {@code sendError} into an ERROR dispatch to
 * {@code /error}, which is outside {@code /api/**} and so handled by the console's chain: an API
 * client asking with a wrong password got a 302 to the console's login page instead of a 401.
 *
 * <p>Stateless; thread-safe.
 */
final class ApiErrorResponses {

    private ApiErrorResponses() {
    }

    /** 401 with the Basic challenge (RFC 7617 section 2). */
    static AuthenticationEntryPoint unauthorized(String realm) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized");
        };
    }

    /** 403 for an authenticated user whose role does not allow the call. */
    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden");
    }

    /** Writes {@code {"error": "<error>"}} with the status, unless the response is already committed. */
    static void write(HttpServletResponse response, int status, String error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\"}");
        response.flushBuffer();
    }
}
