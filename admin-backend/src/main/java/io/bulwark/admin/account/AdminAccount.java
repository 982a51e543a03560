package io.bulwark.admin.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminAccountDeletedEvent;
import io.bulwark.events.admin.AdminAccountDisabledEvent;
import io.bulwark.events.admin.AdminAccountEnabledEvent;
import io.bulwark.events.admin.AdminPasswordChangeRequiredEvent;
import io.bulwark.events.admin.DeleteAdminAccountCommand;
import io.bulwark.events.admin.DisableAdminAccountCommand;
import io.bulwark.events.admin.EnableAdminAccountCommand;
import io.bulwark.events.admin.RequireAdminPasswordChangeCommand;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.admin.ChangeAdminPasswordCommand;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A console/API account, event sourced. The aggregate identifier is the username.
 *
 * <p>Command handlers validate and then apply; event-sourcing handlers only assign fields. The
 * aggregate keeps only what its invariants need (existence, current hash); readers use the
 * accounts projection. Timestamps come from Axon's event clock so that test fixtures control them.
 *
 * <p>Instances are confined to one unit of work at a time by Axon's repository locking.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME)
public class AdminAccount {

    /** Letters, digits and {@code . _ @ -}; no spaces or separators so names are safe in logs and CEF. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** Modular crypt format of bcrypt: version, two-digit cost, 53 characters of salt and hash. */
    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    @AggregateIdentifier
    private String username;
    /** False before the creation and after a deletion (the stream outlives a deleted account). */
    private boolean exists;
    private boolean disabled;
    private String passwordHash;

    /** For Axon: instances are rebuilt from events. */
    protected AdminAccount() {
    }

    /**
     * Creates the account. {@code CREATE_IF_MISSING} rather than a constructor so that a second
     * creation for the same username reaches this handler and is refused with a clear reason instead
     * of an event store key conflict.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateAdminAccountCommand command) {
        if (exists) {
            throw new AdminAccountAlreadyExistsException(username);
        }
        requireValidUsername(command.username());
        if (command.role() == null || Arrays.stream(AdminRole.values()).noneMatch(r -> r.name().equals(command.role()))) {
            throw new InvalidAdminAccountCommandException("Unknown role '" + command.role() + "'; expected one of "
                    + Arrays.toString(AdminRole.values()));
        }
        requireBcrypt(command.passwordHash());
        requireActor(command.actor());
        apply(new AdminAccountCreatedEvent(command.username(), command.role(), command.passwordHash(),
                command.actor(), GenericEventMessage.clock.instant()));
    }

    /**
     * Replaces the password hash. The account must exist (Axon refuses commands for unknown ids). Set
     * by anyone but the account itself (an administrator's reset), the new password must be changed
     * at the next sign-in: the administrator knows it.
     */
    @CommandHandler
    public void handle(ChangeAdminPasswordCommand command) {
        requireExisting();
        requireBcrypt(command.passwordHash());
        requireActor(command.actor());
        if (command.passwordHash().equals(passwordHash)) {
            throw new InvalidAdminAccountCommandException("The new password hash equals the current one");
        }
        apply(new AdminPasswordChangedEvent(username, command.passwordHash(), command.actor(),
                GenericEventMessage.clock.instant()));
        if (!command.actor().equals(username)) {
            apply(new AdminPasswordChangeRequiredEvent(username, "password set by " + command.actor(),
                    command.actor(), GenericEventMessage.clock.instant()));
        }
    }

    /** Makes the account change its password at its next sign-in. */
    @CommandHandler
    public void handle(RequireAdminPasswordChangeCommand command) {
        requireExisting();
        requireActor(command.actor());
        String reason = command.reason() == null || command.reason().isBlank() ? "required by " + command.actor()
                : command.reason();
        apply(new AdminPasswordChangeRequiredEvent(username, reason, command.actor(),
                GenericEventMessage.clock.instant()));
    }

    /** Stops the account from signing in; an account cannot disable itself (nobody could undo it). */
    @CommandHandler
    public void handle(DisableAdminAccountCommand command) {
        requireExisting();
        requireActor(command.actor());
        requireOther(command.actor(), "disable");
        if (!disabled) {
            apply(new AdminAccountDisabledEvent(username, command.actor(), GenericEventMessage.clock.instant()));
        }
    }

    @CommandHandler
    public void handle(EnableAdminAccountCommand command) {
        requireExisting();
        requireActor(command.actor());
        if (disabled) {
            apply(new AdminAccountEnabledEvent(username, command.actor(), GenericEventMessage.clock.instant()));
        }
    }

    /** Deletes the account; an account cannot delete itself. */
    @CommandHandler
    public void handle(DeleteAdminAccountCommand command) {
        requireExisting();
        requireActor(command.actor());
        requireOther(command.actor(), "delete");
        apply(new AdminAccountDeletedEvent(username, command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(AdminAccountCreatedEvent event) {
        username = event.username();
        passwordHash = event.passwordHash();
        exists = true;
        disabled = false;
    }

    @EventSourcingHandler
    void on(AdminAccountDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(AdminAccountEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(AdminAccountDeletedEvent event) {
        exists = false;
        passwordHash = null;
    }

    @EventSourcingHandler
    void on(AdminPasswordChangedEvent event) {
        passwordHash = event.passwordHash();
    }

    private void requireExisting() {
        if (!exists) {
            throw new UnknownAdminAccountException(username);
        }
    }

    private void requireOther(String actor, String what) {
        if (actor.equals(username)) {
            throw new InvalidAdminAccountCommandException("An account cannot " + what + " itself");
        }
    }

    private static void requireValidUsername(String candidate) {
        if (candidate == null || !USERNAME.matcher(candidate).matches()) {
            throw new InvalidAdminAccountCommandException(
                    "Invalid username: 1 to 64 letters, digits, '.', '_', '@' or '-' expected");
        }
    }

    /** Refuses anything but a bcrypt hash, so that a clear password can never end up in an event. */
    private static void requireBcrypt(String hash) {
        if (hash == null || !BCRYPT.matcher(hash).matches()) {
            throw new InvalidAdminAccountCommandException("The password must be given as a bcrypt hash");
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidAdminAccountCommandException("The actor of an account change is required");
        }
    }
}
