package io.bulwark.admin.backup;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.backup.DeleteBackupCopyCommand;
import io.bulwark.events.backup.DeliverBackupCopyCommand;
import io.bulwark.events.backup.DownloadBackupCopyCommand;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given-when-then over every command path of a Backup copy, refusals included. */
class BackupCopyTest {

    private static final MessageRef MESSAGE = new MessageRef("Q1", "m1@example.org", "alice@example.com",
            List.of("bob@corp.example", "carol@corp.example"), 2048, "198.51.100.7", "node-1");
    private static final BackupCopyStoredEvent STORED = new BackupCopyStoredEvent("Q1.b", MESSAGE,
            List.of(new BackupTrigger(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "r1", "Default")), 2048, 700,
            "ab".repeat(32), Instant.parse("2026-11-20T08:00:00Z"));

    private AggregateTestFixture<BackupCopy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BackupCopy.class);
        fixture.registerCommandTargetResolver(new AggregateCommandTargetResolver());
    }

    @Test
    void requestsDeliveryToTheOriginalRecipients() {
        fixture.given(STORED)
                .when(new DeliverBackupCopyCommand("Q1.b", "req-1", "helpdesk1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BackupCopyDeliveryRequestedEvent("Q1.b", "req-1", MESSAGE, "helpdesk1",
                        fixture.currentTime()));
    }

    @Test
    void mayBeDeliveredMoreThanOnce() {
        fixture.given(STORED, new BackupCopyDeliveryRequestedEvent("Q1.b", "req-1", MESSAGE, "helpdesk1",
                        fixture.currentTime()))
                .when(new DeliverBackupCopyCommand("Q1.b", "req-2", "admin"))
                .expectEvents(new BackupCopyDeliveryRequestedEvent("Q1.b", "req-2", MESSAGE, "admin",
                        fixture.currentTime()));
    }

    @Test
    void refusesADeliveryWithoutRequestId() {
        fixture.given(STORED)
                .when(new DeliverBackupCopyCommand("Q1.b", " ", "admin"))
                .expectException(InvalidBackupCommandException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToDeliverACopyWithoutRecipients() {
        fixture.given(new BackupCopyStoredEvent("Q2.b", MESSAGE.withRecipients(List.of()), List.of(), 1, 1, "00",
                        STORED.at()))
                .when(new DeliverBackupCopyCommand("Q2.b", "req-1", "admin"))
                .expectException(InvalidBackupCommandException.class)
                .expectNoEvents();
    }

    @Test
    void recordsADownload() {
        fixture.given(STORED)
                .when(new DownloadBackupCopyCommand("Q1.b", "helpdesk1"))
                .expectEvents(new BackupCopyDownloadedEvent("Q1.b", "helpdesk1", fixture.currentTime()));
    }

    @Test
    void deletes() {
        fixture.given(STORED)
                .when(new DeleteBackupCopyCommand("Q1.b", "admin"))
                .expectEvents(new BackupCopyDeletedEvent("Q1.b", "admin", fixture.currentTime()));
    }

    @Test
    void refusesEveryCommandAfterTheDeletion() {
        BackupCopyDeletedEvent deleted = new BackupCopyDeletedEvent("Q1.b", "admin", fixture.currentTime());
        fixture.given(STORED, deleted).when(new DeleteBackupCopyCommand("Q1.b", "admin"))
                .expectException(BackupCopyDeletedException.class).expectNoEvents();
        fixture.given(STORED, deleted).when(new DeliverBackupCopyCommand("Q1.b", "req-1", "admin"))
                .expectException(BackupCopyDeletedException.class)
                .expectExceptionMessage("Backup copy Q1.b was deleted by admin").expectNoEvents();
        fixture.given(STORED, deleted).when(new DownloadBackupCopyCommand("Q1.b", "admin"))
                .expectException(BackupCopyDeletedException.class).expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void refusesCommandsWithoutActor(String actor) {
        fixture.given(STORED).when(new DownloadBackupCopyCommand("Q1.b", actor))
                .expectException(InvalidBackupCommandException.class).expectNoEvents();
        fixture.given(STORED).when(new DeleteBackupCopyCommand("Q1.b", actor))
                .expectException(InvalidBackupCommandException.class).expectNoEvents();
        fixture.given(STORED).when(new DeliverBackupCopyCommand("Q1.b", "req-1", actor))
                .expectException(InvalidBackupCommandException.class).expectNoEvents();
    }

    @Test
    void aCopyWhoseStoredEventIsMissingDoesNotExist() {
        fixture.givenNoPriorActivity()
                .when(new DeleteBackupCopyCommand("Q9.b", "admin"))
                .expectException(AggregateNotFoundException.class);
    }
}
