package io.bulwark.admin.account;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import io.bulwark.events.admin.ChangeAdminPasswordCommand;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class AdminAccountTest {

    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
    private static final String HASH = ENCODER.encode("first password");
    private static final String OTHER_HASH = ENCODER.encode("second password");

    private AggregateTestFixture<AdminAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdminAccount.class);
        // The same resolver as in production: the command records have no routing annotation.
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    @Test
    void createsAnAccountWithItsRoleAndHash() {
        fixture.givenNoPriorActivity()
                .when(new CreateAdminAccountCommand("alice", "HELPDESK", HASH, "admin"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime()));
    }

    @Test
    void refusesASecondAccountWithTheSameUsername() {
        fixture.given(new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime()))
                .when(new CreateAdminAccountCommand("alice", "AUDITOR", OTHER_HASH, "admin"))
                .expectException(AdminAccountAlreadyExistsException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ROOT", "administrator", " ADMINISTRATOR"})
    void refusesAnUnknownRole(String role) {
        fixture.givenNoPriorActivity()
                .when(new CreateAdminAccountCommand("alice", role, HASH, "admin"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("role"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "new\nline"})
    void refusesAnInvalidUsername(String username) {
        fixture.givenNoPriorActivity()
                .when(new CreateAdminAccountCommand(username, "AUDITOR", HASH, "admin"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"correct horse battery staple", "{noop}secret", "$2a$10$short"})
    void refusesAPasswordThatIsNotABcryptHash(String hash) {
        fixture.givenNoPriorActivity()
                .when(new CreateAdminAccountCommand("alice", "AUDITOR", hash, "admin"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @Test
    void refusesACreationWithoutActor() {
        fixture.givenNoPriorActivity()
                .when(new CreateAdminAccountCommand("alice", "AUDITOR", HASH, " "))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @Test
    void changesThePassword() {
        fixture.given(new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime()))
                .when(new ChangeAdminPasswordCommand("alice", OTHER_HASH, "alice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AdminPasswordChangedEvent("alice", OTHER_HASH, "alice", fixture.currentTime()));
    }

    @Test
    void refusesAPasswordChangeForAnUnknownAccount() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAdminPasswordCommand("nobody", OTHER_HASH, "admin"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAClearPasswordInAPasswordChange() {
        fixture.given(new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime()))
                .when(new ChangeAdminPasswordCommand("alice", "clear text", "alice"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAPasswordChangeToTheSameHash() {
        fixture.given(new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime()))
                .when(new ChangeAdminPasswordCommand("alice", HASH, "alice"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAPasswordChangeWithoutActor() {
        fixture.given(new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime()))
                .when(new ChangeAdminPasswordCommand("alice", OTHER_HASH, null))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @Test
    void refusesACommandWithoutTargetIdentifier() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAdminPasswordCommand(null, OTHER_HASH, "admin"))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    // ---- lifecycle (issue "Administration": accounts and roles)

    private AdminAccountCreatedEvent created() {
        return new AdminAccountCreatedEvent("alice", "HELPDESK", HASH, "admin", fixture.currentTime());
    }

    @Test
    void aPasswordSetByAnAdministratorMustBeChangedByItsOwner() {
        fixture.given(created())
                .when(new ChangeAdminPasswordCommand("alice", OTHER_HASH, "admin"))
                .expectEvents(new AdminPasswordChangedEvent("alice", OTHER_HASH, "admin", fixture.currentTime()),
                        new io.bulwark.events.admin.AdminPasswordChangeRequiredEvent("alice", "password set by admin",
                                "admin", fixture.currentTime()));
    }

    @Test
    void anOwnPasswordChangeRequiresNothingMore() {
        fixture.given(created())
                .when(new ChangeAdminPasswordCommand("alice", OTHER_HASH, "alice"))
                .expectEvents(new AdminPasswordChangedEvent("alice", OTHER_HASH, "alice", fixture.currentTime()));
    }

    @Test
    void disablingTwiceRecordsOnceAndEnablingUndoesIt() {
        fixture.given(created(), new io.bulwark.events.admin.AdminAccountDisabledEvent("alice", "admin",
                        fixture.currentTime()))
                .when(new io.bulwark.events.admin.DisableAdminAccountCommand("alice", "admin"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), new io.bulwark.events.admin.AdminAccountDisabledEvent("alice", "admin",
                        fixture.currentTime()))
                .when(new io.bulwark.events.admin.EnableAdminAccountCommand("alice", "admin"))
                .expectEvents(new io.bulwark.events.admin.AdminAccountEnabledEvent("alice", "admin",
                        fixture.currentTime()));
    }

    @Test
    void anAccountCannotDisableOrDeleteItself() {
        fixture.given(created())
                .when(new io.bulwark.events.admin.DisableAdminAccountCommand("alice", "alice"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new io.bulwark.events.admin.DeleteAdminAccountCommand("alice", "alice"))
                .expectException(InvalidAdminAccountCommandException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedAccountTakesNoCommandsAndItsNameMayBeTakenAgain() {
        io.bulwark.events.admin.AdminAccountDeletedEvent deleted =
                new io.bulwark.events.admin.AdminAccountDeletedEvent("alice", "admin", fixture.currentTime());
        fixture.given(created(), deleted)
                .when(new ChangeAdminPasswordCommand("alice", OTHER_HASH, "admin"))
                .expectException(UnknownAdminAccountException.class)
                .expectNoEvents();
        fixture.given(created(), deleted)
                .when(new CreateAdminAccountCommand("alice", "AUDITOR", OTHER_HASH, "admin"))
                .expectEvents(new AdminAccountCreatedEvent("alice", "AUDITOR", OTHER_HASH, "admin",
                        fixture.currentTime()));
    }
}
