package io.bulwark.admin.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Valid Basic credentials alone do not make a state-changing API call: a browser re-sends cached
 * credentials on requests a hostile page triggers. {@code POST /api/v1/rules/Default/disable} takes
 * no body; the protected default rule answers 409 to a call that gets through, so 409 means
 * "passed the CSRF check" and 403 means "refused before the controller".
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class CrossSiteRequestTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String BODYLESS_POST = "/api/v1/rules/Default/disable";

    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder bodylessPost() {
        return post(BODYLESS_POST).with(httpBasic("admin", PASSWORD));
    }

    @Test
    void aBodylessPostLikeAFormOrImageTagSendsIsRefusedDespiteValidCredentials() throws Exception {
        mvc.perform(bodylessPost())
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error").value("cross-site request refused"));
        mvc.perform(bodylessPost().contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"))
                .andExpect(status().isForbidden());
        mvc.perform(bodylessPost().contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aScriptPassesWithTheMarkerHeaderOrAJsonContentType() throws Exception {
        mvc.perform(bodylessPost().header(CrossSiteRequestFilter.HEADER, "curl")).andExpect(status().isConflict());
        mvc.perform(bodylessPost().contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict());
        mvc.perform(bodylessPost().contentType("application/merge-patch+json").content("{}"))
                .andExpect(status().isConflict());
    }

    @Test
    void aRequestFromAnotherSiteIsRefusedEvenWithTheMarkerHeader() throws Exception {
        mvc.perform(bodylessPost().header(CrossSiteRequestFilter.HEADER, "x").header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden());
        mvc.perform(bodylessPost().header(CrossSiteRequestFilter.HEADER, "x").header("Origin", "null"))
                .andExpect(status().isForbidden());
        mvc.perform(bodylessPost().contentType(MediaType.APPLICATION_JSON).content("{}")
                        .header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theConsolesOwnOriginIsAccepted() throws Exception {
        mvc.perform(bodylessPost().header(CrossSiteRequestFilter.HEADER, "x").header("Origin", "http://localhost")
                        .header("Sec-Fetch-Site", "same-origin"))
                .andExpect(status().isConflict());
    }

    @Test
    void readsAreNotAffected() throws Exception {
        mvc.perform(get("/api/v1/rules").with(httpBasic("admin", PASSWORD)).header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isOk());
    }
}
