package io.bulwark.admin.rule;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.policy.Decision;
import io.bulwark.scan.policy.Disposition;
import io.bulwark.scan.policy.ImpactPreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
 * The rule-change impact preview over the REST API, on recorded {@link MessageScannedEvent}s in the
 * event store, answered from the preview read model: its dispositions are those of re-running
 * {@link Decision} on the same reports, and its counts and examples those of the preview message
 * by message ({@link ImpactPreview#add(MessageScannedEvent)}) over every recorded scan of the window.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class RulePreviewApiTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "preview-test-password";
    private static final RequestPostProcessor AUDITOR = httpBasic("preview-auditor", PASSWORD);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    EventStore eventStore;
    @Autowired
    InMemoryEventStorageEngine storageEngine;
    @Autowired
    ConfigurationHistory configuration;
    @Autowired
    ObjectMapper mapper;

    @BeforeEach
    void auditor() {
        if (accounts.find("preview-auditor").isEmpty()) {
            commandGateway.sendAndWait(new CreateAdminAccountCommand("preview-auditor", "AUDITOR",
                    FAST.encode(PASSWORD), "admin"));
        }
    }

    @Test
    void previewOfADefaultThatRejectsSpamCountsWhatReRunningTheDecisionChanges() throws Exception {
        ScanStatus[] spam = {ScanStatus.SPAM, ScanStatus.NOT_SPAM, ScanStatus.PROBABLE_SPAM};
        List<EventMessage<?>> recorded = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(60);
        for (int i = 0; i < 30; i++) {
            // one millisecond apart: examples come oldest first, as the events were recorded
            recorded.add(GenericEventMessage.asEventMessage(scanned("pv-" + i, spam[i % spam.length],
                    at.plusMillis(i))));
        }
        eventStore.publish(recorded);

        RuleEntry current = defaultRule();
        RuleDefinition d = current.definition();
        RuleDefinition edited = d.withModule(ProtectionModule.ANTI_SPAM,
                d.module(ProtectionModule.ANTI_SPAM).with(ScanStatus.SPAM, new StatusAction(Action.REJECT, true, "")));
        RuleEntry after = current.withDefinition(edited.complete());
        // the read model follows the store on its own thread: ask until it has counted every scan
        JsonNode answer = await().atMost(Duration.ofSeconds(60)).until(() -> preview(edited),
                a -> a.get("messages").asInt() == recordedScans(Instant.parse(a.get("since").asText())).size());
        Instant since = Instant.parse(answer.get("since").asText());
        // the same reports, the decision re-run by hand (one recipient, one group: REJECT refuses the DATA)
        Map<String, Integer> expected = new HashMap<>();
        int changed = 0;
        int messages = 0;
        for (MessageScannedEvent e : recordedScans(since)) {
            messages++;
            String before = outcome(Decision.decide(e.report(), current));
            String now = outcome(Decision.decide(e.report(), after));
            if (!before.equals(now)) {
                changed++;
                expected.merge(before + " -> " + now, 1, Integer::sum);
            }
        }
        assertThat(changed).isGreaterThanOrEqualTo(10);

        assertThat(answer.get("ruleId").asText()).isEqualTo(current.ruleId());
        assertThat(answer.get("messages").asInt()).isEqualTo(messages);
        assertThat(answer.get("changed").asInt()).isEqualTo(changed);
        assertThat(mapper.convertValue(answer.get("transitions"), Map.class)).isEqualTo(expected);
        assertThat(answer.get("examples").get(0).get("recipients").fields().next().getValue().asText())
                .isEqualTo("SKIP -> REJECT");
        assertThat(answer.get("tookMillis").asLong()).isNotNegative();
        assertThat(answer.get("shapes").asInt()).isPositive().isLessThanOrEqualTo(messages);
        assertThat(answer.get("truncated").asBoolean()).isFalse();

        // the same window judged message by message: same counts, transitions and examples
        ImpactPreview perMessage = new ImpactPreview(configuration.at(Instant.now()).rules(), after,
                configuration.at(Instant.now()).globalLists(), RulePreviews.EXAMPLES);
        recordedScans(since).forEach(perMessage::add);
        ImpactPreview.Result r = perMessage.result();
        assertThat(answer.get("messages").asInt()).isEqualTo(r.messages());
        assertThat(answer.get("changed").asInt()).isEqualTo(r.changed());
        assertThat(answer.get("withoutVerdicts").asInt()).isEqualTo(r.withoutVerdicts());
        assertThat(mapper.convertValue(answer.get("transitions"), Map.class)).isEqualTo(r.transitions());
        List<ImpactPreview.Example> examples = mapper.convertValue(answer.get("examples"),
                mapper.getTypeFactory().constructCollectionType(List.class, ImpactPreview.Example.class));
        assertThat(examples).isEqualTo(r.examples());
    }

    private JsonNode preview(RuleDefinition edited) throws Exception {
        String body = mvc.perform(post("/api/v1/rules/Default/preview?days=2").with(AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content(mapper.writeValueAsString(edited)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return mapper.readTree(body);
    }

    @Test
    void anUnknownRuleIs404AndDaysOutOfRangeIs400() throws Exception {
        String body = mapper.writeValueAsString(defaultRule().definition());
        mvc.perform(post("/api/v1/rules/no-such-rule/preview").with(AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/rules/Default/preview?days=0").with(AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/rules/Default/preview?days=1000").with(AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest());
    }

    private RuleEntry defaultRule() {
        return configuration.at(Instant.now()).rules().stream().filter(r -> r.kind() == RuleKind.DEFAULT)
                .findFirst().orElseThrow();
    }

    private List<MessageScannedEvent> recordedScans(Instant since) {
        try (Stream<? extends EventMessage<?>> all = storageEngine.readEvents(null, false)) {
            // by scan time, as the read model counts (other tests of the shared context record scans
            // of other days); the window ends with the current hour
            long thisHour = Math.floorDiv(Instant.now().getEpochSecond(), 3600);
            return all.filter(e -> e.getPayload() instanceof MessageScannedEvent)
                    .filter(e -> {
                        Instant at = ((MessageScannedEvent) e.getPayload()).at();
                        Instant scanned = at != null ? at : e.getTimestamp();
                        return !scanned.isBefore(since) && Math.floorDiv(scanned.getEpochSecond(), 3600) <= thisHour;
                    })
                    .map(e -> (MessageScannedEvent) e.getPayload()).toList();
        }
    }

    private static MessageScannedEvent scanned(String queueId, ScanStatus spam, Instant at) {
        List<ModuleVerdict> verdicts = List.of(ModuleVerdict.of(ProtectionModule.ANTI_SPAM, spam),
                ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN));
        List<String> rcpts = List.of("user@corp.example");
        return new MessageScannedEvent(new MessageRef(queueId, queueId + "@mid", "sender@elsewhere.example", rcpts,
                2048, "192.0.2.7", "node-1"), new ScanReport(verdicts, Map.of(), 5),
                List.of(new RecipientGroupDecision("default", "Default", rcpts, Action.SKIP, Action.SKIP, List.of(),
                        false, List.of(), List.of(), verdicts)), false, at);
    }

    private static String outcome(Disposition d) {
        return d.deferred() ? "DEFER" : d.action().name();
    }
}
