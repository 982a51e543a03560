package io.bulwark.admin.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
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
        if (username != null) {
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

    /** Replaces the password hash. The account must exist (Axon refuses commands for unknown ids). */
    @CommandHandler
    public void handle(ChangeAdminPasswordCommand command) {
        requireBcrypt(command.passwordHash());
        requireActor(command.actor());
        if (command.passwordHash().equals(passwordHash)) {
            throw new InvalidAdminAccountCommandException("The new password hash equals the current one");
        }
        apply(new AdminPasswordChangedEvent(username, command.passwordHash(), command.actor(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(AdminAccountCreatedEvent event) {
        username = event.username();
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(AdminPasswordChangedEvent event) {
        passwordHash = event.passwordHash();
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
