package io.bulwark.admin.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.TrafficDirection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The queue and node APIs in the Spring context: reads for every role, actions by role (HelpDesk
 * may hold, release and force; only administrators delete or switch nodes), validation, and the
 * recorded requests. The context is shared with the other Spring tests, so messages here have ids of
 * their own.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class QueueApiIntegrationTest {

    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "queue-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("queue-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("queue-helpdesk", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("queue-auditor", PASSWORD);

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
        for (String[] account : new String[][] {{"queue-admin", "ADMINISTRATOR"}, {"queue-helpdesk", "HELPDESK"},
                {"queue-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    private static String queueId() {
        return "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
    }

    private void queued(String queueId, String node, String sender) {
        MessageRef ref = new MessageRef(queueId, queueId + "@example.org", sender, List.of("bob@corp.example"), 42,
                "192.0.2.1", node);
        Instant now = Instant.now();
        eventBus.publish(GenericEventMessage.asEventMessage(new MessageReceivedEvent(ref, "h", null, null, "00", now)),
                GenericEventMessage.asEventMessage(new MessageQueuedEvent(ref, "INCOMING", now)));
    }

    private <T> List<T> requests(Class<T> type) {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.map(TrackedEventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Test
    void everyRoleReadsTheQueueViewWithFilters() throws Exception {
        String queueId = queueId();
        String sender = "reader-" + queueId.toLowerCase() + "@example.com";
        queued(queueId, "api-node-1", sender);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/queue").param("sender", sender).with(AUDITOR))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$[0].queueId").value(queueId))
                        .andExpect(jsonPath("$[0].queue").value("INCOMING"))
                        .andExpect(jsonPath("$[0].nodeId").value("api-node-1")));
        mvc.perform(get("/api/v1/queue").param("queue", "INCOMING").param("node", "api-node-1")
                        .param("sort", "-arrivedAt").param("limit", "5").with(HELPDESK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].queueId", hasItem(queueId)));
        mvc.perform(get("/api/v1/queue/counts").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodes[?(@.nodeId == 'api-node-1')].incoming", hasItem(1)))
                .andExpect(jsonPath("$.total.total").isNumber());
    }

    @Test
    void invalidQueriesAre400() throws Exception {
        mvc.perform(get("/api/v1/queue").param("queue", "LIMBO").with(ADMIN))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error", containsString("Unknown queue")));
        mvc.perform(get("/api/v1/queue").param("sort", "colour").with(ADMIN))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error", containsString("Unknown sort")));
        mvc.perform(get("/api/v1/queue").param("limit", "0").with(ADMIN)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/queue").param("from", "yesterday").with(ADMIN)).andExpect(status().isBadRequest());
    }

    @Test
    void helpDeskHoldsReleasesAndForcesButDoesNotDelete() throws Exception {
        String queueId = queueId();
        for (String action : List.of("HOLD", "RELEASE", "FORCE_DELIVERY")) {
            mvc.perform(post("/api/v1/queue/actions").with(HELPDESK).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"action\": \"" + action + "\", \"queueIds\": [\"" + queueId + "\"]}"))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.requestId").isString())
                    .andExpect(jsonPath("$.action").value(action));
        }
        mvc.perform(post("/api/v1/queue/actions").with(HELPDESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\": \"DELETE\", \"queueIds\": [\"" + queueId + "\"]}"))
                .andExpect(status().isForbidden());
        assertThat(requests(QueueActionRequestedEvent.class)).filteredOn(r -> r.queueIds().contains(queueId))
                .extracting(QueueActionRequestedEvent::action, QueueActionRequestedEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(QueueAction.HOLD, "queue-helpdesk"),
                        org.assertj.core.groups.Tuple.tuple(QueueAction.RELEASE, "queue-helpdesk"),
                        org.assertj.core.groups.Tuple.tuple(QueueAction.FORCE_DELIVERY, "queue-helpdesk"));
    }

    @Test
    void auditorsMayNotAct() throws Exception {
        mvc.perform(post("/api/v1/queue/actions").with(AUDITOR).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\": \"HOLD\", \"all\": true}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/nodes/all/sending").with(HELPDESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": false}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdministratorDeletesAllOnOneNode() throws Exception {
        mvc.perform(post("/api/v1/queue/actions").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\": \"DELETE\", \"all\": true, \"node\": \"api-node-9\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.all").value(true))
                .andExpect(jsonPath("$.node").value("api-node-9"));
        assertThat(requests(QueueActionRequestedEvent.class)).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo(QueueAction.DELETE);
            assertThat(r.all()).isTrue();
            assertThat(r.nodeId()).isEqualTo("api-node-9");
            assertThat(r.actor()).isEqualTo("queue-admin");
        });
    }

    @Test
    void invalidActionsAre400() throws Exception {
        for (String body : List.of("{\"action\": \"HOLD\"}", "{\"action\": \"HOLD\", \"queueIds\": [\"../x\"]}",
                "{\"action\": \"EXPLODE\", \"all\": true}", "{\"queueIds\": [\"Q1\"]}", "not json")) {
            mvc.perform(post("/api/v1/queue/actions").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").isString());
        }
    }

    @Test
    void administratorsSwitchNodesAndEveryRoleSeesThem() throws Exception {
        eventBus.publish(GenericEventMessage.asEventMessage(new NodeTrafficStateReportedEvent("api-node-2", true, true,
                true, Instant.now())));
        mvc.perform(post("/api/v1/nodes/api-node-2/receiving").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": false}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.direction").value("RECEIVING"));
        mvc.perform(post("/api/v1/nodes/all/sending").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"enabled\": true}"))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/v1/nodes/all/sending").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
        assertThat(requests(NodeTrafficChangeRequestedEvent.class)).anySatisfy(r -> {
            assertThat(r.nodeId()).isEqualTo("api-node-2");
            assertThat(r.direction()).isEqualTo(TrafficDirection.RECEIVING);
            assertThat(r.enabled()).isFalse();
        }).anySatisfy(r -> {
            assertThat(r.nodeId()).isNull();
            assertThat(r.direction()).isEqualTo(TrafficDirection.SENDING);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/nodes").with(AUDITOR))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$[?(@.nodeId == 'api-node-2')].listening", hasItem(true))));
    }
}
