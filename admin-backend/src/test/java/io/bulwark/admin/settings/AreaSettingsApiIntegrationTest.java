package io.bulwark.admin.settings;

import static io.bulwark.admin.support.ApiCredentials.ensureAccounts;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import java.time.Duration;
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
 * {@code /api/v1/settings/tls-policy}, {@code /mta}, {@code /modules}, {@code /dns} in the Spring
 * context: the JSON fields as spelled in the issue, the start values before the first change,
 * validation with every problem named and nothing applied, roles, and the audit log's old → new.
 * The context is shared with other Spring tests; none of them reads these areas.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class AreaSettingsApiIntegrationTest {
    private static final String PASSWORD = "area-settings-password";
    private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);
    private static final RequestPostProcessor ADMIN = httpBasic("area-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("area-helpdesk", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("area-auditor", PASSWORD);

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
        ensureAccounts(accounts, commandGateway, HASH, "area-admin", "ADMINISTRATOR", "area-helpdesk", "HELPDESK",
                "area-auditor", "AUDITOR");
    }

    @Test
    void theTlsPolicyIsReplacedAndReadBackWithItsFieldsAsSpelled() throws Exception {
        mvc.perform(put("/api/v1/settings/tls-policy").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
                {"inbound": "encrypt", "requireClientCertificate": true, "outbound": "may",
                 "outboundPerDomain": {"Partner.Example": "VERIFY"}}
                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inbound").value("encrypt"))
                .andExpect(jsonPath("$.source").value("console"))
                .andExpect(jsonPath("$.changedBy").value("area-admin"));
        mvc.perform(get("/api/v1/settings/tls-policy").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requireClientCertificate").value(true))
                .andExpect(jsonPath("$.outbound").value("may"))
                .andExpect(jsonPath("$.outboundPerDomain['partner.example']").value("verify"));
    }

    @Test
    void aBadMtaChangeIsRefusedWithEveryProblemAndNothingApplied() throws Exception {
        String before = mvc.perform(get("/api/v1/settings/mta").with(ADMIN)).andReturn().getResponse()
                .getContentAsString();
        mvc.perform(put("/api/v1/settings/mta").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
                {"maxMessageSize": 100, "maxRecipients": 10, "maxConnections": 5, "maxConnectionsPerClient": 9,
                 "commandTimeoutSeconds": 300, "dataTimeoutSeconds": 300, "bannerHostname": "no such name!"}
                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems.length()").value(3))
                .andExpect(jsonPath("$.problems", hasItem("banner host name 'no such name!' is not a host name")));
        assertThat(mvc.perform(get("/api/v1/settings/mta").with(ADMIN)).andReturn().getResponse()
                .getContentAsString()).isEqualTo(before);
    }

    @Test
    void theMtaChangeIsAuditedWithTheStartValuesAsOld() throws Exception {
        mvc.perform(get("/api/v1/settings/mta").with(HELPDESK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.maxMessageSize").value(10_240_000))
                .andExpect(jsonPath("$.source").value("properties"));
        mvc.perform(put("/api/v1/settings/mta").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
                {"maxMessageSize": 5000000, "maxRecipients": 1000, "maxConnections": 100, "maxConnectionsPerClient": 10,
                 "commandTimeoutSeconds": 300, "dataTimeoutSeconds": 300}
                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.maxMessageSize").value(5_000_000))
                .andExpect(jsonPath("$.bannerHostname").doesNotExist());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit("type=MtaSettingsChanged").get("total").asLong() >= 1);
        JsonNode changes = audit("type=MtaSettingsChanged").get("entries").get(0).get("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("path").asText()).isEqualTo("maxMessageSize");
        assertThat(changes.get(0).get("oldValue").asText()).isEqualTo("10240000");
        assertThat(changes.get(0).get("newValue").asText()).isEqualTo("5000000");
    }

    @Test
    void everyModuleSwitchMustBeGivenSoNoneIsSwitchedOffByOmission() throws Exception {
        mvc.perform(put("/api/v1/settings/modules").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"antispam\": false}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems.length()").value(4))
                .andExpect(jsonPath("$.problems", hasItem("module switch 'antivirus' is missing (true or false)")));
        mvc.perform(put("/api/v1/settings/modules").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
                {"antivirus": true, "antispam": false, "antiphishing": true, "senderAuthentication": true,
                 "contentFiltering": true}
                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.antispam").value(false))
                .andExpect(jsonPath("$.antivirus").value(true));
    }

    @Test
    void dnsServersAreReplacedAndOnlyAnAdministratorMayChangeThem() throws Exception {
        mvc.perform(put("/api/v1/settings/dns").with(HELPDESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"servers\": [\"192.0.2.53\"], \"timeoutMillis\": 2000}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/settings/dns").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"servers\": [\"192.0.2.53\", \"[2001:db8::53]:5353\"], \"timeoutMillis\": 2000}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/settings/dns").with(AUDITOR))
                .andExpect(jsonPath("$.servers[1]").value("[2001:db8::53]:5353"))
                .andExpect(jsonPath("$.timeoutMillis").value(2000));
    }

    private JsonNode audit(String query) throws Exception {
        return mapper.readTree(mvc.perform(get("/api/v1/audit?" + query).with(AUDITOR)).andReturn().getResponse()
                .getContentAsString());
    }
}
