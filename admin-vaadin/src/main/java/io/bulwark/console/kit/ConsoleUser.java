package io.bulwark.console.kit;

import io.bulwark.events.admin.AdminRole;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in, for the console clients' server-side checks. The console kit's one home for
 * "is this an administrator" (older clients still carry their own copy; move them here when
 * touching them). Stateless; reads the current thread's security context.
 */
public final class ConsoleUser {
    private static final String ADMINISTRATOR = "ROLE_" + AdminRole.ADMINISTRATOR.name();

    private ConsoleUser() {
    }

    /** Whether the signed-in user is an ADMINISTRATOR. */
    public static boolean isAdministrator() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.isAuthenticated()
                && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMINISTRATOR::equals);
    }

    /** The signed-in user's name. */
    public static String name() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
