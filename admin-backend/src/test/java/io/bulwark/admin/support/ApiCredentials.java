package io.bulwark.admin.support;

import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Credentials of an API client in MockMvc tests, sent the way a script sends them: HTTP Basic plus
 * the {@code X-Requested-With} header that state-changing calls need (CrossSiteRequestFilter).
 */
public final class ApiCredentials {

    private ApiCredentials() {
    }

    /** HTTP Basic for the user, marked as a script's request. */
    public static RequestPostProcessor httpBasic(String username, String password) {
        RequestPostProcessor basic = SecurityMockMvcRequestPostProcessors.httpBasic(username, password);
        return request -> {
            request.addHeader("X-Requested-With", "bulwark-tests");
            return basic.postProcessRequest(request);
        };
    }
}
