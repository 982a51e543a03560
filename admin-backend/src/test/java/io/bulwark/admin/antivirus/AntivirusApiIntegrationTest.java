package io.bulwark.admin.antivirus;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import io.bulwark.events.antivirus.AntivirusDatabase;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The anti-virus API in the Spring context: every role reads the per-node databases; only
 * administrators ask for an update, which is recorded as a request with its actor; a bad node id
 * is 400. The context is shared with the other Spring tests, so the node ids here are its own.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class AntivirusApiIntegrationTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "antivirus-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("av-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("av-helpdesk", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("av-auditor", PASSWORD);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    EventBus eventBus;
    @Autowired
    InMemoryEventStorageEngine storageEngine;
    @Autowired
    AdminAccountsProjection accounts;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"av-admin", "ADMINISTRATOR"}, {"av-helpdesk", "HELPDESK"},
                {"av-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    private List<AntivirusUpdateRequestedEvent> requests() {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.map(TrackedEventMessage::getPayload).filter(AntivirusUpdateRequestedEvent.class::isInstance)
                    .map(AntivirusUpdateRequestedEvent.class::cast).toList();
        }
    }

    @Test
    void everyRoleReadsTheDatabasesOfEachNode() throws Exception {
        Instant published = Instant.parse("2026-12-05T04:00:00Z");
        eventBus.publish(GenericEventMessage.asEventMessage(new AntivirusDatabasesUpdatedEvent("av-api-node",
                "https://mirror.example/", List.of(new AntivirusDatabase("daily.cvd", 27800, 2_100_000, published)),
                List.of("daily.cvd"), 2_100_000, published, published, null, Instant.now())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/antivirus/databases").with(AUDITOR))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$[?(@.nodeId == 'av-api-node')].databases[0].version")
                                .value(27800))
                        .andExpect(jsonPath("$[?(@.nodeId == 'av-api-node')].lastResult").value("UPDATED"))
                        .andExpect(jsonPath("$[?(@.nodeId == 'av-api-node')].records").value(2_100_000)));
    }

    @Test
    void anAdministratorAsksANodeOrEveryNodeToUpdateNow() throws Exception {
        mvc.perform(post("/api/v1/antivirus/updates").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"node\": \"av-api-node\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requestId").isString())
                .andExpect(jsonPath("$.node").value("av-api-node"));
        mvc.perform(post("/api/v1/antivirus/updates").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isAccepted());
        assertThat(requests()).anySatisfy(r -> {
            assertThat(r.nodeId()).isEqualTo("av-api-node");
            assertThat(r.actor()).isEqualTo("av-admin");
        }).anySatisfy(r -> assertThat(r.nodeId()).isNull());
    }

    @Test
    void helpDeskAndAuditorMayNotAskForAnUpdateAndABadNodeIsRefused() throws Exception {
        int before = requests().size();
        mvc.perform(post("/api/v1/antivirus/updates").with(HELPDESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/antivirus/updates").with(AUDITOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/antivirus/updates").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"node\": \"no such/node\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("Not a node id")));
        assertThat(requests()).hasSize(before);
    }
}
