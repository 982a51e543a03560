package io.bulwark.console.kit;

import io.bulwark.events.admin.AdminRole;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in account of the current request, for clients that check rights on the server
 * whatever the page shows. Stateless; reads Spring Security's context of the calling thread.
 */
public final class SignedIn {
    private static final String ADMINISTRATOR = "ROLE_" + AdminRole.ADMINISTRATOR.name();

    private SignedIn() {
    }

    /** Whether an authenticated ADMINISTRATOR is signed in. */
    public static boolean isAdministrator() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.isAuthenticated()
                && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMINISTRATOR::equals);
    }

    /** The signed-in account's name (the actor of a command). */
    public static String name() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
