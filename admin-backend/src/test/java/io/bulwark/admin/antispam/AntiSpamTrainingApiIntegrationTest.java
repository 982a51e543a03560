package io.bulwark.admin.antispam;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingIds;
import io.bulwark.events.antispam.TrainingSource;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.antispam.bayes.BayesClassifier;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.Tokenizer;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.testing.BayesTrainingSet;
import io.bulwark.scan.testing.TestMessages;
import io.bulwark.store.backup.BackupStore;
import io.bulwark.store.backup.NewBackupCopy;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
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
 * Training over the REST API, as the console's buttons do it, over the real Backup store (memory
 * backend), the {@link TrainingMark} aggregate and the filter chain: the mark's event carries who,
 * which message and the tokens' source; two token-store consumers of the one event store (two
 * nodes) both see a near-identical message's Bayes probability rise, and fall back on untraining.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class AntiSpamTrainingApiIntegrationTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "training-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("training-admin", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("training-auditor", PASSWORD);
    private static final String TEXT = "Dear customer, your parcel zorblax awaits quixotic redelivery fee payment kwerty";

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    BackupStore store;
    @Autowired
    InMemoryEventStorageEngine storageEngine;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"training-admin", "ADMINISTRATOR"},
                {"training-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    private String stored(byte[] original) {
        String queueId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String id = queueId + ".b";
        store.put(new NewBackupCopy(id, new MessageRef(queueId, "m@example.org", "x@sender.example",
                List.of("bob@corp.example"), original.length, "198.51.100.7", "node-1"),
                List.of(new BackupTrigger(ProtectionModule.ANTI_SPAM, ScanStatus.PROBABLE_SPAM, "r1", "Default")),
                ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.PROBABLE_SPAM, "rating 45"))),
                original);
        return queueId;
    }

    private List<Object> eventsOf(String trainingId) {
        return storageEngine.readEvents(trainingId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    /** A node's statistics: every training event of the store, folded in global order. */
    private InMemoryTokenStore consumer() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        try (var stream = storageEngine.readEvents(null, false)) {
            stream.map(TrackedEventMessage::getPayload).forEach(p -> {
                if (p instanceof MessageTrainedEvent t) {
                    tokens.on(t);
                } else if (p instanceof MessageUntrainedEvent u) {
                    tokens.on(u);
                }
            });
        }
        return tokens;
    }

    private static double probability(InMemoryTokenStore tokens, byte[] message) {
        return new BayesClassifier(tokens).classify(Tokenizer.hashes(new MessageViewParser().parse(message)))
                .probability();
    }

    @Test
    void aMarkFromTheConsoleReachesEveryNodeAndRaisesANearIdenticalMessage() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            for (TrainingVerdict verdict : TrainingVerdict.values()) {
                byte[] raw = BayesTrainingSet.raw(random, verdict == TrainingVerdict.SPAM
                        ? BayesTrainingSet.SPAM_WORDS : BayesTrainingSet.HAM_WORDS, 40);
                mvc.perform(post("/api/v1/antispam/training/messages").param("verdict", verdict.name())
                        .param("name", "corpus-" + i + ".eml").contentType("message/rfc822").content(raw)
                        .header("X-Requested-With", "test").with(ADMIN)).andExpect(status().isCreated());
            }
        }
        byte[] marked = TestMessages.plain("parcel", TEXT);
        byte[] similar = TestMessages.plain("parcel", TEXT + " today");
        double before = probability(consumer(), similar);

        String queueId = stored(marked);
        String body = "{\"queueId\":\"" + queueId + "\",\"verdict\":\"SPAM\"}";
        String response = mvc.perform(post("/api/v1/antispam/training").contentType(MediaType.APPLICATION_JSON)
                        .content(body).with(ADMIN))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.verdict").value("SPAM"))
                .andExpect(jsonPath("$.queueId").value(queueId))
                .andExpect(jsonPath("$.source").value("BACKUP"))
                .andExpect(jsonPath("$.sourceId").value(queueId + ".b"))
                .andExpect(jsonPath("$.actor").value("training-admin"))
                .andReturn().getResponse().getContentAsString();
        String trainingId = com.jayway.jsonpath.JsonPath.read(response, "$.trainingId");
        assertThat(trainingId).isEqualTo(TrainingIds.of(AntiSpamTraining.sha256(marked)));
        MessageTrainedEvent event = (MessageTrainedEvent) eventsOf(trainingId).getFirst();
        assertThat(event.actor()).isEqualTo("training-admin");
        assertThat(event.source()).isEqualTo(TrainingSource.BACKUP);
        assertThat(event.tokens()).hasSize(Tokenizer.hashes(new MessageViewParser().parse(marked)).length);

        InMemoryTokenStore nodeA = consumer();
        InMemoryTokenStore nodeB = consumer();
        assertThat(probability(nodeA, similar)).isGreaterThan(before);
        assertThat(probability(nodeB, similar)).isEqualTo(probability(nodeA, similar));

        // the same message again is one mark; the wrong mark is taken back
        mvc.perform(post("/api/v1/antispam/training").contentType(MediaType.APPLICATION_JSON).content(body)
                .with(ADMIN)).andExpect(status().isConflict());
        mvc.perform(get("/api/v1/antispam/training/" + trainingId).with(AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.verdict").value("SPAM"));
        mvc.perform(delete("/api/v1/antispam/training/" + trainingId).with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.verdict").doesNotExist());
        assertThat(eventsOf(trainingId).getLast()).isInstanceOf(MessageUntrainedEvent.class);
        assertThat(probability(consumer(), similar)).isEqualTo(before);
        mvc.perform(delete("/api/v1/antispam/training/" + trainingId).with(ADMIN)).andExpect(status().isConflict());
    }

    @Test
    void refusals() throws Exception {
        String json = "{\"queueId\":\"Qnocopy123\",\"verdict\":\"HAM\"}";
        mvc.perform(post("/api/v1/antispam/training").contentType(MediaType.APPLICATION_JSON).content(json)
                .with(ADMIN)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error", containsString("no Backup copy")));
        mvc.perform(post("/api/v1/antispam/training").contentType(MediaType.APPLICATION_JSON).content(json)
                .with(AUDITOR)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/antispam/training").contentType(MediaType.APPLICATION_JSON)
                .content("{\"verdict\":\"HAM\"}").with(ADMIN)).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/antispam/training").contentType(MediaType.APPLICATION_JSON)
                .content("{\"backupId\":\"x.b\",\"verdict\":\"MAYBE\"}").with(ADMIN))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/antispam/training/bayes-" + "0".repeat(64)).with(ADMIN))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/antispam/training/bayes-" + "0".repeat(64)).with(ADMIN))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/antispam/training/nope").with(ADMIN)).andExpect(status().isBadRequest());
    }
}
