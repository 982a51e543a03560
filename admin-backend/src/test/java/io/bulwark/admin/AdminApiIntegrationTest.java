package io.bulwark.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.security.LoginAuditor;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.ChangeAdminPasswordCommand;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin backend booted alone on the in-memory store: first-start account, HTTP Basic on the
 * API, login auditing, the event stream and message tracking over REST.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class AdminApiIntegrationTest {

    private static final String PASSWORD = "correct-horse-battery";
    /** The first-start creation event, wherever other tests' events put it. */
    private static final String FIRST_ACCOUNT = "$.events[?(@.aggregateId == 'admin' && @.sequence == 0)]";

    @Autowired
    MockMvc mvc;
    @Autowired
    EventStore eventStore;
    @Autowired
    InMemoryEventStorageEngine storageEngine;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    AdminAccountsProjection accounts;

    @Test
    void createsTheFirstAdministratorWithAHashedPassword() {
        var admin = accounts.find("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo("ADMINISTRATOR");
        assertThat(admin.passwordHash()).startsWith("$2").doesNotContain(PASSWORD);
        assertThat(passwordEncoder.matches(PASSWORD, admin.passwordHash())).isTrue();
    }

    @Test
    void refusesTheApiWithoutCredentials() throws Exception {
        mvc.perform(get("/api/v1/events"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Bulwark\""));
        mvc.perform(get("/api/v1/messages"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void refusesWrongCredentialsAndRecordsTheFailure() throws Exception {
        mvc.perform(get("/api/v1/events").with(httpBasic("admin", "wrong")))
                .andExpect(status().isUnauthorized());
        assertThat(logins()).anySatisfy(login -> {
            assertThat(login.username()).isEqualTo("admin");
            assertThat(login.success()).isFalse();
            assertThat(login.channel()).isEqualTo(LoginAuditor.API);
        });
    }

    @Test
    void streamsStoredEventsWithJsonPayloadsAndACursor() throws Exception {
        mvc.perform(get("/api/v1/events").param("after", "0").param("limit", "1000")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events[0].globalIndex").isNumber())
                .andExpect(jsonPath("$.events[0].eventId").isString())
                .andExpect(jsonPath("$.events[0].timestamp").isString())
                .andExpect(jsonPath(FIRST_ACCOUNT + ".type").value(
                        Matchers.contains("io.bulwark.events.admin.AdminAccountCreatedEvent")))
                .andExpect(jsonPath(FIRST_ACCOUNT + ".payload.username").value(Matchers.contains("admin")))
                .andExpect(jsonPath(FIRST_ACCOUNT + ".payload.role").value(Matchers.contains("ADMINISTRATOR")))
                .andExpect(jsonPath("$.next").isNumber());
        assertThat(logins()).anySatisfy(login -> assertThat(login.success()).isTrue());
    }

    @Test
    void returnsAnEmptyPageWithTheSameCursorAtTheEnd() throws Exception {
        mvc.perform(get("/api/v1/events").param("after", "1000000").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events").isEmpty())
                .andExpect(jsonPath("$.next").value(1000000));
        mvc.perform(get("/api/v1/events").param("limit", "0").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void letsEveryRoleReadButOnlyAdministratorsChangeThings() throws Exception {
        commandGateway.sendAndWait(new CreateAdminAccountCommand("auditor1", "AUDITOR",
                passwordEncoder.encode("auditor-password"), "admin"));
        mvc.perform(get("/api/v1/messages").with(httpBasic("auditor1", "auditor-password")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/messages").with(httpBasic("auditor1", "auditor-password")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aPasswordChangeAppliesToTheNextRequest() throws Exception {
        commandGateway.sendAndWait(new CreateAdminAccountCommand("helpdesk1", "HELPDESK",
                passwordEncoder.encode("old-password"), "admin"));
        commandGateway.sendAndWait(new ChangeAdminPasswordCommand("helpdesk1",
                passwordEncoder.encode("new-password"), "helpdesk1"));
        mvc.perform(get("/api/v1/messages").with(httpBasic("helpdesk1", "old-password")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/messages").with(httpBasic("helpdesk1", "new-password")))
                .andExpect(status().isOk());
    }

    @Test
    void tracksMessagesPublishedByTheGateway() throws Exception {
        MessageRef ref = new MessageRef("IT-Q1", "it-1@example.org", "sender@example.com",
                List.of("someone@corp.example"), 1234, "192.0.2.10", "node-it");
        MessageEvent received = new MessageReceivedEvent(ref, "mx.example.com", null, null, "00",
                Instant.parse("2026-11-20T10:00:00Z"));
        eventStore.publish(new GenericDomainEventMessage<>("Message", "IT-Q1", 0, received));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/messages").param("sender", "SENDER@example")
                                .param("from", "2026-11-20T00:00:00Z").param("to", "2026-11-21T00:00:00Z")
                                .with(httpBasic("admin", PASSWORD)))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$[0].queueId").value("IT-Q1"))
                        // a receipt puts the message in the INCOMING queue (ADR 0033)
                        .andExpect(jsonPath("$[0].status").value("QUEUED"))
                        .andExpect(jsonPath("$[0].receivedAt").value("2026-11-20T10:00:00Z"))
                        .andExpect(jsonPath("$[0].history[0].event").value("MessageReceived")));
        mvc.perform(get("/api/v1/messages").param("status", "LOST").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/messages").param("from", "yesterday").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void answersTheSubjectAndTheNewFiltersAtBothPaths() throws Exception {
        // another sender and day than tracksMessagesPublishedByTheGateway, which shares the context
        MessageRef ref = new MessageRef("IT-Q2", "it-2@example.org", "scanner-test@example.net",
                List.of("someone@corp.example"), 1234, "192.0.2.22", "node-it");
        io.bulwark.events.scan.ModuleVerdict infected = io.bulwark.events.scan.ModuleVerdict.of(
                io.bulwark.events.scan.ProtectionModule.ANTI_VIRUS, io.bulwark.events.scan.ScanStatus.INFECTED);
        eventStore.publish(new GenericDomainEventMessage<>("Message", "IT-Q2", 0,
                new io.bulwark.events.scan.MessageScannedEvent(ref, io.bulwark.events.scan.ScanReport.of(infected),
                        List.of(new io.bulwark.events.scan.RecipientGroupDecision("r-s", "Strict", ref.recipients(),
                                io.bulwark.events.rule.Action.REJECT, io.bulwark.events.rule.Action.REJECT, List.of(),
                                false, List.of(), List.of(), List.of(infected))),
                        true, Instant.parse("2026-11-23T11:00:00Z"), "Gr\u00fc\u00dfe", List.of())));

        for (String path : List.of("/api/v1/messages", "/api/v1/tracking")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    mvc.perform(get(path).param("module", "ANTI_VIRUS").param("moduleStatus", "INFECTED")
                                    .param("rule", "stri").param("clientAddress", "192.0.2.22")
                                    .param("messageId", "it-2@").with(httpBasic("admin", PASSWORD)))
                            .andExpect(status().isOk())
                            .andExpect(jsonPath("$.length()").value(1))
                            .andExpect(jsonPath("$[0].queueId").value("IT-Q2"))
                            .andExpect(jsonPath("$[0].subject").value("Gr\u00fc\u00dfe"))
                            .andExpect(jsonPath("$[0].moduleStatuses.ANTI_VIRUS").value("INFECTED"))
                            .andExpect(jsonPath("$[0].rules[0]").value("Strict")));
        }
        mvc.perform(get("/api/v1/tracking").param("module", "NO_SUCH").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/tracking")).andExpect(status().isUnauthorized());
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
