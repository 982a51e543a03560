package io.bulwark.console.account;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.account.AccountAdministration;
import io.bulwark.admin.account.AccountAdministration.AccountView;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console's access to accounts, over the backend's {@link AccountAdministration}: every role
 * reads its own account and changes its own password; only ADMINISTRATOR manages accounts (checked
 * here on the server, whatever the page shows). Refusals are the backend's exceptions, whose
 * messages the pages show as they are. Stateless and thread-safe.
 */
@Component
public class AccountsClient {

    private final AccountAdministration accounts;

    public AccountsClient(AccountAdministration accounts) {
        this.accounts = accounts;
    }

    /** The signed-in account, if there is one and it still exists. */
    public Optional<AccountView> me() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            return Optional.empty();
        }
        try {
            return Optional.of(accounts.get(user.getName()));
        } catch (io.bulwark.admin.account.UnknownAdminAccountException deleted) {
            return Optional.empty();
        }
    }

    /** Whether the signed-in account must change its password before anything else. */
    public boolean mustChangePassword() {
        return me().map(AccountView::mustChangePassword).orElse(false);
    }

    public boolean canManage() {
        return Roles.isAdministrator();
    }

    public List<AccountView> all() {
        return accounts.all();
    }

    /** Changes the signed-in account's own password. */
    public void changeOwnPassword(String current, String chosen) {
        String me = actor();
        accounts.changePassword(me, current, chosen, me, false);
    }

    public void create(String username, String role, String password) {
        accounts.create(username, role, password, administrator());
    }

    /** Sets another account's password; its owner must change it at the next sign-in. */
    public void resetPassword(String username, String password) {
        accounts.changePassword(username, null, password, administrator(), true);
    }

    public void disable(String username) {
        accounts.disable(username, administrator());
    }

    public void enable(String username) {
        accounts.enable(username, administrator());
    }

    public void delete(String username) {
        accounts.delete(username, administrator());
    }

    private static String actor() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            throw new AccessDeniedException("Not signed in");
        }
        return user.getName();
    }

    private String administrator() {
        if (!canManage()) {
            throw new AccessDeniedException("Only an administrator manages accounts");
        }
        return actor();
    }
}
