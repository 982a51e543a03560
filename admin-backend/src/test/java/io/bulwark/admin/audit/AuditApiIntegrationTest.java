package io.bulwark.admin.audit;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.support.ApiCredentials;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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

/**
 * The audit log end to end in the Spring context: a rule created over the API and a failed login
 * reach {@code GET /api/v1/audit} (with the request's source address carried in the events'
 * metadata), the filters are request parameters, and {@code /api/v1/audit.csv} exports them.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class AuditApiIntegrationTest {

    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "audit-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("audit-admin", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("audit-auditor", PASSWORD);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    ObjectMapper mapper;

    @BeforeEach
    void accounts() {
        ApiCredentials.ensureAccounts(accounts, commandGateway, FAST.encode(PASSWORD), "audit-admin", "ADMINISTRATOR",
                "audit-auditor", "AUDITOR");
    }

    private JsonNode audit(String query) throws Exception {
        String body = mvc.perform(get("/api/v1/audit?" + query).with(AUDITOR))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return mapper.readTree(body);
    }

    @Test
    void aRuleChangeAndALoginFailureAppearWithTheirSubjectAndAddress() throws Exception {
        String name = "Audit " + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/rules").with(ADMIN).with(request -> {
            request.setRemoteAddr("192.0.2.44");
            return request;
        }).contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "%s", "description": "audited", "enabled": true, "mode": "SCAN",
                 "senders": {"addresses": ["*@partner.example"]}, "recipients": {"addresses": ["x@corp.example"]}}
                """.formatted(name))).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/rules").with(httpBasic("audit-admin", "wrong-password")))
                .andExpect(status().isUnauthorized());

        String word = name.substring(6);
        await().atMost(Duration.ofSeconds(30)).until(() -> audit("type=RuleCreated&text=" + word).get("total").asLong() == 1);
        JsonNode created = audit("type=RuleCreated&text=" + word).get("entries").get(0);
        assertThat(created.get("user").asText()).isEqualTo("audit-admin");
        assertThat(created.get("role").asText()).isEqualTo("ADMINISTRATOR");
        assertThat(created.get("address").asText()).as("from the command's metadata").isEqualTo("192.0.2.44");
        assertThat(created.get("object").asText()).contains(name);
        assertThat(created.get("changes").toString()).contains("\"path\":\"name\"");

        await().atMost(Duration.ofSeconds(30)).until(() -> audit("type=LoginFailed&subject=audit-admin&result=failure")
                .get("total").asLong() >= 1);
        JsonNode failed = audit("type=LoginFailed&subject=audit-admin").get("entries").get(0);
        assertThat(failed.get("result").asText()).isEqualTo("failure");
        assertThat(failed.get("description").asText()).contains("wrong password");
    }

    @Test
    void csvExportHasAHeaderAndOneRecordPerMatchingEntry() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> audit("type=AccountCreated").get("total").asLong() >= 2);
        long total = audit("type=AccountCreated").get("total").asLong();

        String csv = mvc.perform(get("/api/v1/audit.csv?type=AccountCreated").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andReturn().getResponse().getContentAsString();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize((int) total).allSatisfy(r -> assertThat(r.get("type")).isEqualTo("AccountCreated"));

        String viaFormat = mvc.perform(get("/api/v1/audit?format=csv&type=AccountCreated").with(AUDITOR))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(viaFormat.lines().count()).isEqualTo(csv.lines().count());
    }

    @Test
    void badParametersAreRefused() throws Exception {
        mvc.perform(get("/api/v1/audit?result=maybe").with(AUDITOR)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit?sort=user").with(AUDITOR)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit?size=0").with(AUDITOR)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z").with(AUDITOR))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/audit")).andExpect(status().isUnauthorized());
    }

    @Test
    void spreadsheetFormulasAreDefused() {
        assertThat(AuditCsv.spreadsheetSafe("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(AuditCsv.spreadsheetSafe("Edited rule")).isEqualTo("Edited rule");
    }
}
