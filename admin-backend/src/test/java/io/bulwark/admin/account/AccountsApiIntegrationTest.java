package io.bulwark.admin.account;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * {@code /api/v1/accounts}: the contract's create and password calls, roles, the forced change of a
 * password someone else chose, disabling and deleting. Shared Spring context: each test makes
 * accounts of its own names.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class AccountsApiIntegrationTest {
    private static final String PASSWORD = "accounts-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("accounts-admin", PASSWORD);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;

    @BeforeEach
    void administrator() {
        if (accounts.find("accounts-admin").isEmpty()) {
            commandGateway.sendAndWait(new CreateAdminAccountCommand("accounts-admin", "ADMINISTRATOR",
                    new BCryptPasswordEncoder(4).encode(PASSWORD), "admin"));
        }
    }

    private ResultActions create(String username, String role, String password) throws Exception {
        return mvc.perform(post("/api/v1/accounts").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"%s\", \"role\": \"%s\", \"password\": \"%s\"}".formatted(username, role,
                        password)));
    }

    private ResultActions setPassword(RequestPostProcessor as, String username, String body) throws Exception {
        return mvc.perform(post("/api/v1/accounts/" + username + "/password").with(as)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewAccountSignsInOnlyToChangeItsPasswordThenWorksInItsRole() throws Exception {
        String desk = name("desk");
        create(desk, "helpdesk", "chosen by the admin 1").andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("HELPDESK"))
                .andExpect(jsonPath("$.mustChangePassword").value(true))
                .andExpect(jsonPath("$.passwordHash").doesNotExist());
        RequestPostProcessor first = httpBasic(desk, "chosen by the admin 1");
        mvc.perform(get("/api/v1/queue").with(first)).andExpect(status().isForbidden());

        setPassword(first, desk, "{\"currentPassword\": \"wrong\", \"newPassword\": \"my own secret phrase\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("The current password is wrong"));
        setPassword(first, desk, "{\"currentPassword\": \"chosen by the admin 1\", \"newPassword\": \"short\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("A password needs at least 12 characters"));
        setPassword(first, desk, "{\"currentPassword\": \"chosen by the admin 1\", \"newPassword\": \"my own secret phrase\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.mustChangePassword").value(false));

        RequestPostProcessor own = httpBasic(desk, "my own secret phrase");
        mvc.perform(get("/api/v1/accounts/me").with(own)).andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(desk)).andExpect(jsonPath("$.role").value("HELPDESK"));
        create(name("x"), "AUDITOR", "a long enough one").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/accounts").with(own).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"sneaky\", \"role\": \"ADMINISTRATOR\", \"password\": \"a long enough one\"}"))
                .andExpect(status().isForbidden());
        setPassword(own, "accounts-admin", "{\"newPassword\": \"taking over the admin\"}")
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdministratorsResetMustBeChangedAndDisablingOrDeletingStopsSignIn() throws Exception {
        String auditor = name("auditor");
        create(auditor, "AUDITOR", "chosen by the admin 2").andExpect(status().isCreated());
        setPassword(httpBasic(auditor, "chosen by the admin 2"), auditor,
                "{\"currentPassword\": \"chosen by the admin 2\", \"newPassword\": \"auditors own phrase\"}")
                .andExpect(status().isOk());

        setPassword(ADMIN, auditor, "{\"newPassword\": \"reset by the admin 3\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.mustChangePassword").value(true));
        mvc.perform(get("/api/v1/events").with(httpBasic(auditor, "reset by the admin 3"))).andExpect(status().isForbidden());

        mvc.perform(post("/api/v1/accounts/" + auditor + "/disable").with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        mvc.perform(get("/api/v1/accounts/me").with(httpBasic(auditor, "reset by the admin 3")))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/accounts/" + auditor + "/enable").with(ADMIN)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/accounts/me").with(httpBasic(auditor, "reset by the admin 3")))
                .andExpect(status().isOk());

        mvc.perform(delete("/api/v1/accounts/" + auditor).with(ADMIN)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/accounts/" + auditor).with(ADMIN)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/accounts/me").with(httpBasic(auditor, "reset by the admin 3")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void badRequestsAreRefusedSayingWhy() throws Exception {
        create("has space", "AUDITOR", "a long enough one").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("Invalid username")));
        create(name("r"), "ROOT", "a long enough one").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("Unknown role 'ROOT'")));
        String taken = name("taken");
        create(taken, "AUDITOR", "a long enough one").andExpect(status().isCreated());
        create(taken, "AUDITOR", "a long enough one").andExpect(status().isConflict());
        setPassword(ADMIN, "nobody-" + UUID.randomUUID(), "{\"newPassword\": \"a long enough one\"}")
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/accounts/accounts-admin").with(ADMIN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("An account cannot delete itself"));
    }
}
