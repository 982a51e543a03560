package io.bulwark.console.kit;

import io.bulwark.events.admin.AdminRole;
import java.util.Arrays;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The console's roles, one home: constants for {@code @RolesAllowed} (annotations need compile-time
 * strings; {@code RolesTest} keeps them equal to {@link AdminRole}'s names) and the server-side
 * check the clients make before a change (hiding a button is only a convenience). The user is the
 * calling thread's Spring Security context. Stateless.
 */
public final class Roles {
    /** Everything, accounts and settings included. */
    public static final String ADMINISTRATOR = "ADMINISTRATOR";
    /** Reads everything; handles messages (queue, Backup) where the reference grants it. */
    public static final String HELPDESK = "HELPDESK";
    /** Reads everything, changes nothing, sees no message content. */
    public static final String AUDITOR = "AUDITOR";

    private static final String PREFIX = "ROLE_";

    private Roles() {
    }

    /** Whether the signed-in user has any of {@code roles}. */
    public static boolean has(AdminRole... roles) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.isAuthenticated() && user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority -> Arrays.stream(roles).anyMatch(role -> authority.equals(PREFIX + role.name())));
    }

    /** Whether the signed-in user is an administrator. */
    public static boolean isAdministrator() {
        return has(AdminRole.ADMINISTRATOR);
    }

    /** Refuses with {@code refusal} unless the signed-in user has one of {@code roles}. */
    public static void require(String refusal, AdminRole... roles) {
        if (!has(roles)) {
            throw new AccessDeniedException(refusal);
        }
    }

    /** The signed-in account's name: the actor recorded with a command. */
    public static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
