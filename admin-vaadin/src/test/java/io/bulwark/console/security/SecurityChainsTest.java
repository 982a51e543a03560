package io.bulwark.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.console.ConsoleTestApplication;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/** The API chain and the console chain in one application: each guards its own paths. */
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class SecurityChainsTest {

    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryEventStorageEngine storageEngine;

    @Test
    void theApiAnswersWithABasicChallengeNotALoginPage() throws Exception {
        mvc.perform(get("/api/v1/events"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Bulwark\""));
        mvc.perform(get("/api/v1/events").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    void consoleRoutesRedirectToTheLoginView() throws Exception {
        mvc.perform(get("/messages")).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void theConsoleLoginWorksAndIsRecorded() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password(PASSWORD))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"));
        mvc.perform(formLogin("/login").user("admin").password("wrong"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?error"));
        assertThat(logins()).filteredOn(login -> login.channel().equals("console"))
                .extracting(AdminLoginRecordedEvent::success)
                .containsExactly(true, false);
    }

    private List<AdminLoginRecordedEvent> logins() {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.map(TrackedEventMessage::getPayload)
                    .filter(AdminLoginRecordedEvent.class::isInstance)
                    .map(AdminLoginRecordedEvent.class::cast)
                    .toList();
        }
    }
}
