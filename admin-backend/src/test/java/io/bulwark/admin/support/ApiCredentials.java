package io.bulwark.admin.support;

import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Credentials of an API client in MockMvc tests, sent the way a script sends them: HTTP Basic plus
 * the {@code X-Requested-With} header that state-changing calls need (CrossSiteRequestFilter).
 */
public final class ApiCredentials {

    private ApiCredentials() {
    }

    /** HTTP Basic for the user, marked as a script's request. */
    public static RequestPostProcessor httpBasic(String username, String password) {
        RequestPostProcessor basic = SecurityMockMvcRequestPostProcessors.httpBasic(username, password);
        return request -> {
            request.addHeader("X-Requested-With", "bulwark-tests");
            return basic.postProcessRequest(request);
        };
    }

    /**
     * Creates the accounts that do not exist yet (the Spring tests share one context and store).
     *
     * @param passwordHash bcrypt hash every account gets
     * @param accounts     pairs of user name and role name
     */
    public static void ensureAccounts(AdminAccountsProjection projection, CommandGateway commands, String passwordHash,
            String... accounts) {
        for (int i = 0; i + 1 < accounts.length; i += 2) {
            if (projection.find(accounts[i]).isEmpty()) {
                commands.sendAndWait(new CreateAdminAccountCommand(accounts[i], accounts[i + 1], passwordHash, "admin"));
            }
        }
    }
}
