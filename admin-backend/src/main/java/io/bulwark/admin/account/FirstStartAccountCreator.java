package io.bulwark.admin.account;

import io.bulwark.events.admin.RequireAdminPasswordChangeCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * if set, else a random one written to {@value #PASSWORD_FILE} in the data directory (mode 0600, never
 * to the log) which must be changed at the first sign-in. Only the bcrypt hash goes into the command
 * and the event.
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
    /** File in the data directory that receives a generated first password. */
    public static final String PASSWORD_FILE = "initial-admin-password";
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
    private final Path dataDir;

    public FirstStartAccountCreator(AdminAccountsProjection accounts, CommandGateway commandGateway,
            PasswordEncoder passwordEncoder, AdminProperties properties,
            @org.springframework.beans.factory.annotation.Value("${bulwark.data-dir:./data}") Path dataDir) {
        this.dataDir = dataDir;
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
            Path file = writePasswordFile(password);
            commandGateway.sendAndWait(new RequireAdminPasswordChangeCommand(USERNAME,
                    "generated at the first start", ACTOR));
            String banner = "*".repeat(78);
            LOG.warn("""

                    {}
                    *  BULWARK FIRST START: created console/API account '{}' (ADMINISTRATOR)
                    *  Its generated password is in {} (readable by this user only).
                    *  Sign in to the console and choose a new one; then delete the file.
                    {}""", banner, USERNAME, file, banner);
        } else {
            LOG.info("First start: created console/API account '{}' (ADMINISTRATOR) with the configured initial password",
                    USERNAME);
            if (configured.length() < 12) {
                LOG.warn("bulwark.admin.initial-password is shorter than 12 characters");
            }
        }
    }

    /**
     * Writes the generated password to {@value #PASSWORD_FILE} in the data directory, created with
     * mode 0600 before a byte is written (on file systems without POSIX modes: created normally and
     * said so), never to the log: logs are shipped and kept, a password there outlives its change.
     */
    private Path writePasswordFile(String password) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException noPosix) {
                Files.createFile(file);
                LOG.warn("{}: the file system has no POSIX modes; restrict who can read this file", file);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the first administrator's password to " + file, e);
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
