package io.bulwark.console.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.bulwark.console.ConsoleTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The console's sign-in is throttled like the API's: while waiting, even the right password fails. */
@SpringBootTest(classes = ConsoleTestApplication.class, properties = {
        "bulwark.admin.login.free-failures=1", "bulwark.admin.login.base-delay=1h", "bulwark.admin.login.max-delay=1h"})
@AutoConfigureMockMvc
class ConsoleLoginThrottleTest {

    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static MockHttpServletRequestBuilder signIn(String password) {
        return post("/login").param("username", "admin").param("password", password).with(csrf())
                .with(from("192.0.2.30"));
    }

    @Test
    void afterRepeatedFailuresTheRightPasswordIsSentBackToTheLoginPage() throws Exception {
        mvc.perform(signIn("guess-1"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(signIn("guess-2"))
                .andExpect(redirectedUrl("/login?error"));

        mvc.perform(signIn("correct-horse-battery"))
                .andExpect(redirectedUrl("/login?error"));
    }
}
