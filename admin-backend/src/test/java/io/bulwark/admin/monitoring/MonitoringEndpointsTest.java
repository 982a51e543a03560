package io.bulwark.admin.monitoring;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.tracking.MessageTrackingProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The actuator as the appliance exposes it: health anonymously with the status only, details and
 * Prometheus with an account, nothing else.
 */
@SpringBootTest(classes = TestAdminApplication.class, properties = {
        "management.endpoints.web.exposure.include=health,prometheus",
        "management.endpoint.health.probes.enabled=true",
        "management.endpoint.health.show-details=when-authorized",
        "management.endpoint.health.validate-group-membership=false",
        "management.endpoint.health.group.readiness.include=readinessState,eventStore"})
@AutoConfigureMockMvc
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class MonitoringEndpointsTest {
    private static final String PASSWORD = "monitoring-test-password";

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commands;
    @Autowired
    AdminAccountsProjection accounts;

    @BeforeEach
    void scraper() {
        if (accounts.find("scraper").isEmpty()) {
            commands.sendAndWait(new CreateAdminAccountCommand("scraper", "AUDITOR",
                    new BCryptPasswordEncoder(4).encode(PASSWORD), "admin"));
        }
    }

    @Test
    void healthAnswersAnonymouslyWithTheStatusOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }

    @Test
    void anAccountSeesTheStoresHealthAndThePrometheusMeters() throws Exception {
        mvc.perform(get("/actuator/health").with(httpBasic("scraper", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.eventStore.status").value("UP"));
        mvc.perform(get("/actuator/prometheus").with(httpBasic("scraper", PASSWORD))).andExpect(status().isOk())
                .andExpect(content().string(containsString("bulwark_queue_messages{queue=\"deferred\"}")));
    }

    @Test
    void prometheusShowsEachTrackingProcessorsLagBehindTheStore() throws Exception {
        String processor = "bulwark_projection_lag_events{processor=\"" + MessageTrackingProjection.PROCESSING_GROUP + "\"}";
        // the read model catches up with what the shared context's tests appended: lag 0
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/actuator/prometheus").with(httpBasic("scraper", PASSWORD))).andExpect(status().isOk())
                        .andExpect(content().string(containsString(processor + " 0.0"))));
    }

    @Test
    void prometheusNeedsAnAccountAndNothingElseIsExposed() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(httpBasic("scraper", PASSWORD))).andExpect(status().is4xxClientError());
    }
}
