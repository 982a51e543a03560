package io.bulwark.admin.security;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Password guessing on the API meets 429 with Retry-After, before the password is even checked;
 * refused attempts are audited, and what was typed as an unknown username is not.
 */
@SpringBootTest(classes = TestAdminApplication.class, properties = {
        "bulwark.admin.login.free-failures=2", "bulwark.admin.login.base-delay=5m", "bulwark.admin.login.max-delay=1h",
        "bulwark.admin.login.lockout-after=100"})
@AutoConfigureMockMvc
class LoginThrottleApiTest {

    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryEventStorageEngine storageEngine;

    private static MockHttpServletRequestBuilder events(String address) {
        return get("/api/v1/events").with(request -> {
            request.setRemoteAddr(address);
            return request;
        });
    }

    @Test
    void afterTheFreeFailuresEvenTheRightPasswordWaitsWith429FromAnyAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(events("192.0.2.10").with(httpBasic("admin", "guess-" + i))).andExpect(status().isUnauthorized());
        }

        mvc.perform(events("192.0.2.10").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "300"));
        mvc.perform(events("198.51.100.20").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isTooManyRequests());
        mvc.perform(events("198.51.100.20")).andExpect(status().isUnauthorized());
    }

    @Test
    void aRefusedAttemptIsAuditedAndAnUnknownUsernameIsNotKept() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(events("192.0.2.30").with(httpBasic("p4ssw0rd-typed-as-name", "x"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(events("192.0.2.30").with(httpBasic("admin", PASSWORD))).andExpect(status().isTooManyRequests());

        List<AdminLoginRecordedEvent> logins = logins("192.0.2.30");
        assertThat(logins).hasSize(4);
        assertThat(logins).extracting(AdminLoginRecordedEvent::username).doesNotContain("p4ssw0rd-typed-as-name");
        assertThat(logins.subList(0, 3)).allSatisfy(login -> {
            assertThat(login.username()).isNull();
            assertThat(login.unknownAccount()).isTrue();
            assertThat(login.throttled()).isFalse();
        });
        assertThat(logins.get(3)).isEqualTo(new AdminLoginRecordedEvent("admin", false, "192.0.2.30",
                LoginAuditor.API, logins.get(3).at(), false, true));
    }

    private List<AdminLoginRecordedEvent> logins(String address) {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.map(TrackedEventMessage::getPayload)
                    .filter(AdminLoginRecordedEvent.class::isInstance)
                    .map(AdminLoginRecordedEvent.class::cast)
                    .filter(login -> address.equals(login.remoteAddress()))
                    .toList();
        }
    }
}
