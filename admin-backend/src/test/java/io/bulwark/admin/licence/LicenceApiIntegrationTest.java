package io.bulwark.admin.licence;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.licence.LicenceKeyInstalledEvent;
import io.bulwark.events.licence.LicenceKeyPromotedEvent;
import io.bulwark.events.licence.LicenceKeyRemovedEvent;
import io.bulwark.events.licence.LicenceNotice;
import io.bulwark.events.licence.LicenceNoticeRaisedEvent;
import io.bulwark.scan.licence.LicenceAuthority;
import io.bulwark.scan.licence.testing.TestLicences;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The licence API with keys issued by the licence tool, against a context trusting the tool's
 * authority: the issue's steps (trial, then an expired commercial key: scanning on, updates stopped;
 * a key expiring in 10 days: a warning; an anti-virus-only key by activation code: anti-spam and
 * anti-phishing restricted), each step an event; a tampered or foreign key refused with a clear
 * message; roles.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class LicenceApiIntegrationTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "licence-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("licence-admin", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("licence-auditor", PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Path DIR;
    private static final TestLicences LICENCES;

    static {
        try {
            DIR = Files.createTempDirectory("licence-api");
            LICENCES = new TestLicences(DIR);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void licence(DynamicPropertyRegistry properties) {
        properties.add("bulwark.licence.public-key", LICENCES::publicKey);
        properties.add("bulwark.licence.activation.codes-file", () -> DIR.resolve("codes.txt").toString());
        properties.add("bulwark.licence.check-interval", () -> "0s");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    InMemoryEventStorageEngine storageEngine;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"licence-admin", "ADMINISTRATOR"}, {"licence-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    private static String issue(String number, String... options) {
        return LICENCES.issue(number, options);
    }

    private static String tool(String... args) {
        return TestLicences.tool(args);
    }

    private ResultActions postJson(String path, Object body, RequestPostProcessor user) throws Exception {
        return mvc.perform(post(path).with(user).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body)));
    }

    private ResultActions installKey(String keyFile, String slot) throws Exception {
        return postJson("/api/v1/licence/keys", JSON.createObjectNode().put("keyFile", keyFile).put("slot", slot), ADMIN);
    }

    private JsonNode licence() throws Exception {
        return JSON.readTree(mvc.perform(get("/api/v1/licence").with(AUDITOR)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void theIssuesStepsEachAnEvent() throws Exception {
        // an installation that never had a key: community mode, and a check raises nothing
        mvc.perform(post("/api/v1/licence/check").with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("COMMUNITY"))
                .andExpect(jsonPath("$.scanning").value(true))
                .andExpect(jsonPath("$.notices").isEmpty());

        installKey(issue("BW-TRIAL-1", "--type", "trial", "--days", "30"), "active")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/licence/keys/active"))
                .andExpect(jsonPath("$.licenceNumber").value("BW-TRIAL-1"))
                .andExpect(jsonPath("$.type").value("TRIAL"))
                .andExpect(jsonPath("$.validity").value("valid"))
                .andExpect(jsonPath("$.daysLeft").value(30));
        JsonNode trial = licence();
        assertThat(trial.get("mode").asText()).isEqualTo("TRIAL");
        assertThat(trial.get("scanning").asBoolean()).isTrue();
        assertThat(trial.get("updates").asBoolean()).isTrue();
        assertThat(trial.get("restrictedModules").isEmpty()).isTrue();
        assertThat(trial.get("warning").asBoolean()).isTrue(); // 30 days left, warning period 30
        assertThat(trial.get("notices").get(0).get("notice").asText()).isEqualTo("EXPIRES_SOON");

        installKey(issue("BW-COM-OLD", "--start", "2024-01-01", "--expiry", "2025-01-01"), "active")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.validity").value("expired"));
        JsonNode expired = licence();
        assertThat(expired.get("mode").asText()).isEqualTo("COMMERCIAL");
        assertThat(expired.get("phase").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("scanning").asBoolean()).isTrue();
        assertThat(expired.get("updates").asBoolean()).isFalse();
        assertThat(expired.get("message").asText()).contains("database updates have stopped");
        assertThat(expired.get("notices").get(0).get("notice").asText()).isEqualTo("EXPIRED");

        installKey(issue("BW-TRIAL-1", "--type", "trial", "--days", "30"), "active")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error", containsString("can be used once")));

        installKey(issue("BW-COM-10", "--days", "10"), "active").andExpect(status().isCreated());
        JsonNode soon = licence();
        assertThat(soon.get("phase").asText()).isEqualTo("EXPIRES_SOON");
        assertThat(soon.get("daysLeft").asInt()).isEqualTo(10);
        assertThat(soon.get("warning").asBoolean()).isTrue();
        assertThat(soon.get("message").asText()).contains("expires in 10 days");
        assertThat(soon.get("notices").get(0).get("daysLeft").asInt()).isEqualTo(10);
        int notices = soon.get("notices").size();
        mvc.perform(post("/api/v1/licence/check").with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.notices.length()").value(notices));

        Path avKey = DIR.resolve("av.key");
        Files.writeString(avKey, issue("BW-AV-1", "--functionality", "anti-virus", "--days", "365"));
        String code = tool("activation-code", "--key", avKey.toString(), "--codes", DIR.resolve("codes.txt").toString())
                .strip();
        postJson("/api/v1/licence/activation", JSON.createObjectNode().put("code", code).put("slot", "active"), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.functionality").value("ANTI_VIRUS"));
        JsonNode antiVirus = licence();
        assertThat(antiVirus.get("restrictedModules").get("ANTI_SPAM").asText())
                .contains("anti-virus protection only");
        assertThat(antiVirus.get("restrictedModules").has("ANTI_PHISHING")).isTrue();
        assertThat(antiVirus.get("restrictedModules").has("ANTI_VIRUS")).isFalse();
        assertThat(antiVirus.get("notices").get(0).get("notice").asText()).isEqualTo("RENEWED");
        assertThat(antiVirus.get("warning").asBoolean()).isFalse();

        installKey(issue("BW-FULL-2", "--days", "700"), "additional").andExpect(status().isCreated());
        mvc.perform(get("/api/v1/licence/keys").with(AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].slot").value("active"))
                .andExpect(jsonPath("$[1].slot").value("additional"));
        mvc.perform(delete("/api/v1/licence/keys/active").with(ADMIN)).andExpect(status().isNoContent());
        JsonNode promoted = licence();
        assertThat(promoted.get("activeKey").get("licenceNumber").asText()).isEqualTo("BW-FULL-2");
        assertThat(promoted.get("additionalKey").isNull()).isTrue();
        mvc.perform(delete("/api/v1/licence/keys/additional").with(ADMIN)).andExpect(status().isNotFound());

        List<Object> events = payloads();
        assertThat(events).filteredOn(LicenceKeyInstalledEvent.class::isInstance).hasSize(5);
        assertThat(events).filteredOn(LicenceKeyRemovedEvent.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(LicenceKeyPromotedEvent.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(LicenceNoticeRaisedEvent.class::isInstance)
                .extracting(e -> ((LicenceNoticeRaisedEvent) e).notice())
                .containsExactly(LicenceNotice.EXPIRES_SOON, LicenceNotice.EXPIRED, LicenceNotice.EXPIRES_SOON,
                        LicenceNotice.RENEWED, LicenceNotice.LICENCE_OK);
        LicenceKeyInstalledEvent first = (LicenceKeyInstalledEvent) events.stream()
                .filter(LicenceKeyInstalledEvent.class::isInstance).findFirst().orElseThrow();
        assertThat(first.key().sha256()).hasSize(64);
        assertThat(first.actor()).isEqualTo("licence-admin");
        assertThat(events).noneMatch(e -> e.toString().contains("Signature"));
    }

    @Test
    void aTamperedKeyFileIsRefusedWithAClearMessageAndNothingIsRecorded() throws Exception {
        long before = licenceEvents();
        String key = issue("BW-TAMPER", "--days", "30");
        installKey(key.replace("Holder: Example Ltd", "Holder: Example Ltd (all branches)"), "active")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("The licence key file for licence BW-TAMPER has been altered: "
                        + "its signature does not match its contents, so it was refused. Install the key file exactly "
                        + "as you received it."));
        LicenceAuthority foreign = LicenceAuthority.generate();
        Path foreignFile = DIR.resolve("foreign-" + System.nanoTime() + ".key");
        Files.writeString(foreignFile, foreign.toPrivateKeyFile());
        installKey(tool("issue", "--authority", foreignFile.toString(), "--number", "BW-FOREIGN", "--holder", "X"),
                "active")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("which this installation does not trust")));
        installKey("not a key", "active").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("Not a Bulwark licence key file")));
        installKey(key, "sideways").andExpect(status().isBadRequest());
        assertThat(licenceEvents()).isEqualTo(before);
    }

    @Test
    void auditorsReadAndOnlyAdministratorsChange() throws Exception {
        mvc.perform(get("/api/v1/licence").with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/licence/keys").with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/licence/keys").with(AUDITOR).contentType(MediaType.APPLICATION_JSON)
                .content("{\"keyFile\": \"x\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/licence/check").with(AUDITOR)).andExpect(status().isForbidden());
    }

    @Test
    void anUnknownActivationCodeIsNotFound() throws Exception {
        postJson("/api/v1/licence/activation", JSON.createObjectNode().put("code", "00000-00000-00000-00000"), ADMIN)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error", containsString("not known to the activation service")));
    }

    private long licenceEvents() {
        return payloads().stream().filter(e -> e.getClass().getPackageName().equals("io.bulwark.events.licence"))
                .count();
    }

    private List<Object> payloads() {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.<Object>map(TrackedEventMessage::getPayload).toList();
        }
    }

    static {
        // keep the temporary directory tidy enough: the codes file is created on the first code
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.list(DIR)) {
                files.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(DIR);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
