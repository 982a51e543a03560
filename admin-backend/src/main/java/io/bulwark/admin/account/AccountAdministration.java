package io.bulwark.admin.account;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.admin.ChangeAdminPasswordCommand;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.admin.DeleteAdminAccountCommand;
import io.bulwark.events.admin.DisableAdminAccountCommand;
import io.bulwark.events.admin.EnableAdminAccountCommand;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Accounts for the REST API and the console alike: the password rules, the hashing (only bcrypt
 * hashes enter commands), who may do what to whom, and the refusals in words an administrator acts
 * on. The accounts projection is subscribing, so every change is visible when the call returns.
 *
 * <p>Rights: an ADMINISTRATOR creates, disables, enables, deletes accounts and sets anyone's
 * password (the owner must then change it); every account changes its own password with its current
 * one. The last enabled ADMINISTRATOR can be neither disabled nor deleted, so the appliance always
 * has someone who can administer it. Stateless; thread-safe.
 */
@Service
public class AccountAdministration {
    /** NIST SP 800-63B section 5.1.1.2 asks at least 8; admins of a mail gateway get 12. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_LENGTH = 72; // bcrypt reads 72 bytes; more would be ignored silently

    private final CommandGateway commands;
    private final AdminAccountsProjection accounts;
    private final PasswordEncoder encoder;

    public AccountAdministration(CommandGateway commands, AdminAccountsProjection accounts, PasswordEncoder encoder) {
        this.commands = commands;
        this.accounts = accounts;
        this.encoder = encoder;
    }

    /** An account as the API and the console show it: never the hash. */
    public record AccountView(String username, String role, boolean enabled, boolean mustChangePassword,
            java.time.Instant createdAt, java.time.Instant passwordChangedAt) {
        static AccountView of(AdminAccountSummary s) {
            return new AccountView(s.username(), s.role(), s.enabled(), s.mustChangePassword(), s.createdAt(),
                    s.passwordChangedAt());
        }
    }

    public List<AccountView> all() {
        return accounts.all().stream().map(AccountView::of).toList();
    }

    public AccountView get(String username) {
        return accounts.find(username).map(AccountView::of).orElseThrow(() -> new UnknownAdminAccountException(username));
    }

    /** Creates an account with a password the administrator chose; its owner must change it at first sign-in. */
    public AccountView create(String username, String role, String password, String actor) {
        String normalisedRole = role == null ? null : role.strip().toUpperCase(Locale.ROOT);
        requirePasswordRules(username, password);
        send(new CreateAdminAccountCommand(username, normalisedRole, encoder.encode(password), actor), username);
        send(new io.bulwark.events.admin.RequireAdminPasswordChangeCommand(username, "created by " + actor, actor),
                username);
        return get(username);
    }

    /**
     * Changes a password. For one's own account the current password is required; an administrator
     * sets another's without it, and the owner must change it at the next sign-in.
     */
    public AccountView changePassword(String username, String currentPassword, String newPassword, String actor,
            boolean actorIsAdministrator) {
        AdminAccountSummary account = accounts.find(username).orElseThrow(() -> new UnknownAdminAccountException(username));
        boolean own = account.username().equals(actor);
        if (!own && !actorIsAdministrator) {
            throw new AccountAccessDeniedException("Only an administrator may set another account's password");
        }
        if (own && (currentPassword == null || !encoder.matches(currentPassword, account.passwordHash()))) {
            throw new InvalidAdminAccountCommandException("The current password is wrong");
        }
        requirePasswordRules(username, newPassword);
        if (encoder.matches(newPassword, account.passwordHash())) {
            throw new InvalidAdminAccountCommandException("The new password must differ from the current one");
        }
        send(new ChangeAdminPasswordCommand(username, encoder.encode(newPassword), actor), username);
        return get(username);
    }

    public AccountView disable(String username, String actor) {
        requireNotLastAdministrator(username, "disabled");
        send(new DisableAdminAccountCommand(username, actor), username);
        return get(username);
    }

    public AccountView enable(String username, String actor) {
        send(new EnableAdminAccountCommand(username, actor), username);
        return get(username);
    }

    public void delete(String username, String actor) {
        requireNotLastAdministrator(username, "deleted");
        send(new DeleteAdminAccountCommand(username, actor), username);
    }

    private void requireNotLastAdministrator(String username, String what) {
        AdminAccountSummary target = accounts.find(username).orElseThrow(() -> new UnknownAdminAccountException(username));
        if (!AdminRole.ADMINISTRATOR.name().equals(target.role()) || !target.enabled()) {
            return;
        }
        long others = accounts.all().stream().filter(a -> !a.username().equals(username))
                .filter(a -> a.enabled() && AdminRole.ADMINISTRATOR.name().equals(a.role())).count();
        if (others == 0) {
            throw new InvalidAdminAccountCommandException("'" + username
                    + "' is the last enabled administrator and cannot be " + what);
        }
    }

    private static void requirePasswordRules(String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidAdminAccountCommandException("A password needs at least " + MIN_PASSWORD_LENGTH
                    + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_LENGTH) {
            throw new InvalidAdminAccountCommandException("A password may have at most " + MAX_PASSWORD_LENGTH
                    + " bytes (bcrypt ignores the rest)");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidAdminAccountCommandException("A password must not contain the username");
        }
    }

    private void send(Object command, String username) {
        try {
            BusCalls.await(commands.send(command), "Accounts");
        } catch (AggregateNotFoundException e) {
            throw new UnknownAdminAccountException(username);
        }
    }
}
