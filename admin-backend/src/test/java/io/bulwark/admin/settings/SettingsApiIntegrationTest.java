package io.bulwark.admin.settings;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
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
 * {@code /api/v1/settings/routing} in the Spring context: the contract's JSON fields, validation
 * with every problem named, roles. The context is shared with other Spring tests; nothing else there
 * reads the routing area.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class SettingsApiIntegrationTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "settings-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("settings-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("settings-helpdesk", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("settings-auditor", PASSWORD);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"settings-admin", "ADMINISTRATOR"},
                {"settings-helpdesk", "HELPDESK"}, {"settings-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    @Test
    void anAdministratorReplacesTheRoutingAndEveryRoleReadsItBack() throws Exception {
        mvc.perform(put("/api/v1/settings/routing").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
                {"relayDomains": ["Corp.Example", "sub.corp.example"], "mynetworks": ["10.0.0.0/8"],
                 "relayhost": "[10.0.0.5]:2525", "transportMap": {"sub.corp.example": "[mbx.corp.example]:25"}}
                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.relayDomains", containsInAnyOrder("corp.example", "sub.corp.example")))
                .andExpect(jsonPath("$.source").value("console"))
                .andExpect(jsonPath("$.changedBy").value("settings-admin"));

        mvc.perform(get("/api/v1/settings/routing").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mynetworks[0]").value("10.0.0.0/8"))
                .andExpect(jsonPath("$.relayhost").value("[10.0.0.5]:2525"))
                .andExpect(jsonPath("$.transportMap['sub.corp.example']").value("[mbx.corp.example]:25"))
                .andExpect(jsonPath("$.verifyRecipients").isEmpty());
    }

    @Test
    void aBadChangeIsRefusedWithEveryProblemAndNothingApplied() throws Exception {
        String before = mvc.perform(get("/api/v1/settings/routing").with(ADMIN)).andReturn().getResponse()
                .getContentAsString();
        mvc.perform(put("/api/v1/settings/routing").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
                {"relayDomains": ["not a domain"], "mynetworks": ["10.0.0.0/99"], "relayhost": "[relay:25",
                 "transportMap": {"corp.example": "mx.corp.example:0"}}
                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", startsWith("relay domain 'not a domain' is not a domain name")))
                .andExpect(jsonPath("$.problems.length()").value(4))
                .andExpect(jsonPath("$.problems", hasItem(
                        "next hop for corp.example: port out of range in next hop mx.corp.example:0")));
        String after = mvc.perform(get("/api/v1/settings/routing").with(ADMIN)).andReturn().getResponse()
                .getContentAsString();
        org.assertj.core.api.Assertions.assertThat(after).isEqualTo(before);
    }

    @Test
    void malformedJsonIsABadRequestSayingSo() throws Exception {
        mvc.perform(put("/api/v1/settings/routing").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"relayDomains\": [\"corp.example\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", startsWith("Invalid request body at 'relayDomains")));
    }

    @Test
    void onlyAnAdministratorChangesTheRouting() throws Exception {
        mvc.perform(put("/api/v1/settings/routing").with(HELPDESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"relayDomains\": [\"corp.example\"]}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/settings/routing").with(HELPDESK)).andExpect(status().isOk());
    }
}
