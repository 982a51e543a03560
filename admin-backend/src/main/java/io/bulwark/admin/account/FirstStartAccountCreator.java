package io.bulwark.admin.account;

import io.bulwark.admin.AdminProperties;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import java.security.SecureRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the {@value #USERNAME} account (role ADMINISTRATOR) on the very first start, when the
 * accounts projection holds no account at all. The password is {@code bulwark.admin.initial-password}
 * if set, else a random one that is logged exactly once, here. Only the bcrypt hash goes into the
 * command and the event.
 *
 * <p>Runs as an {@link ApplicationRunner}, i.e. after Axon has started and registered the command
 * handlers. When two admin nodes start together on an empty store, one creation wins and the other
 * is refused by the aggregate; the refusal is logged and the node starts normally.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FirstStartAccountCreator implements ApplicationRunner {

    /** The first account's username. */
    public static final String USERNAME = "admin";
    /** The actor recorded for the creation. */
    public static final String ACTOR = "system";

    private static final Logger LOG = LoggerFactory.getLogger(FirstStartAccountCreator.class);
    /** No 0/O, 1/l/I: the password is read off a console. */
    private static final char[] ALPHABET =
            "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int GENERATED_LENGTH = 20;

    private final AdminAccountsProjection accounts;
    private final CommandGateway commandGateway;
    private final PasswordEncoder passwordEncoder;
    private final AdminProperties properties;
    private final SecureRandom random = new SecureRandom();

    public FirstStartAccountCreator(AdminAccountsProjection accounts, CommandGateway commandGateway,
            PasswordEncoder passwordEncoder, AdminProperties properties) {
        this.accounts = accounts;
        this.commandGateway = commandGateway;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.hasAccounts()) {
            if (properties.initialPassword() != null) {
                LOG.info("Accounts exist: bulwark.admin.initial-password is ignored (it only applies to the first start)");
            }
            return;
        }
        String configured = properties.initialPassword();
        boolean generated = configured == null || configured.isEmpty();
        String password = generated ? generatePassword() : configured;
        try {
            commandGateway.sendAndWait(new CreateAdminAccountCommand(USERNAME, AdminRole.ADMINISTRATOR.name(),
                    passwordEncoder.encode(password), ACTOR));
        } catch (AdminAccountAlreadyExistsException e) {
            // Another admin node created it between our check and our command.
            LOG.info("Account '{}' was created concurrently by another node", USERNAME);
            return;
        }
        if (generated) {
            String banner = "*".repeat(78);
            LOG.warn("""

                    {}
                    *  BULWARK FIRST START: created console/API account '{}' (ADMINISTRATOR)
                    *  Generated password: {}
                    *  It is shown only this once. Set bulwark.admin.initial-password to choose it.
                    {}""", banner, USERNAME, password, banner);
        } else {
            LOG.info("First start: created console/API account '{}' (ADMINISTRATOR) with the configured initial password",
                    USERNAME);
            if (configured.length() < 12) {
                LOG.warn("bulwark.admin.initial-password is shorter than 12 characters");
            }
        }
    }

    private String generatePassword() {
        char[] chars = new char[GENERATED_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
