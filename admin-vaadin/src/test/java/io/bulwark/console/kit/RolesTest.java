package io.bulwark.console.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.admin.AdminRole;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The console's role constants are the accounts' roles, and the check reads the signed-in user. */
class RolesTest {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theConstantsAreTheAccountRoles() {
        assertThat(Arrays.stream(AdminRole.values()).map(Enum::name))
                .containsExactlyInAnyOrder(Roles.ADMINISTRATOR, Roles.HELPDESK, Roles.AUDITOR);
    }

    @Test
    void checksTheSignedInUsersRole() {
        assertThat(Roles.has(AdminRole.values())).as("nobody signed in").isFalse();
        PageQueries.signIn("helen", "HELPDESK");
        assertThat(Roles.has(AdminRole.ADMINISTRATOR, AdminRole.HELPDESK)).isTrue();
        assertThat(Roles.isAdministrator()).isFalse();
        assertThatThrownBy(() -> Roles.require("Deleting needs ADMINISTRATOR", AdminRole.ADMINISTRATOR))
                .isInstanceOf(AccessDeniedException.class).hasMessage("Deleting needs ADMINISTRATOR");
        PageQueries.signIn("ada", "ADMINISTRATOR");
        assertThat(Roles.isAdministrator()).isTrue();
        Roles.require("never", AdminRole.ADMINISTRATOR);
    }
}
