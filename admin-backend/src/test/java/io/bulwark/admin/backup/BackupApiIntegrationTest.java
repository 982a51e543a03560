package io.bulwark.admin.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.BackupCopyView;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.backup.BackupStore;
import io.bulwark.store.backup.NewBackupCopy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The Backup REST API over the real store (memory backend), aggregate and filter chain: roles,
 * audit events, errors. The context is shared with the other Spring tests, so each test stores
 * copies with ids (and senders) of its own.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class BackupApiIntegrationTest {

    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "backup-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("backup-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("backup-helpdesk", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("backup-auditor", PASSWORD);
    private static final byte[] ORIGINAL = ("From: x@example.org\r\nSubject: invoice\r\n\r\n"
            + "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    BackupStore store;
    @Autowired
    EventStore eventStore;
    @Autowired
    InMemoryEventStorageEngine storageEngine;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"backup-admin", "ADMINISTRATOR"}, {"backup-helpdesk", "HELPDESK"},
                {"backup-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    /** Stores a copy as the gateway would; {@code announce} also appends the gateway's event. */
    private BackupCopyView stored(String sender, boolean announce) {
        String id = "Q" + UUID.randomUUID().toString().substring(0, 8) + ".b";
        BackupCopyView copy = store.put(new NewBackupCopy(id, new MessageRef("Q-" + id, "m@example.org", sender,
                List.of("bob@corp.example"), ORIGINAL.length, "198.51.100.7", "node-1"),
                List.of(new BackupTrigger(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "r1", "Default")),
                ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, "EICAR test file"))),
                ORIGINAL);
        if (announce) {
            eventStore.publish(BackupStore.storedEventMessage(copy.storedEvent()));
        }
        return copy;
    }

    private List<Object> eventsOf(String backupId) {
        return storageEngine.readEvents(backupId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void refusesAnonymousRequests() throws Exception {
        mvc.perform(get("/api/v1/backup")).andExpect(status().isUnauthorized());
    }

    @Test
    void everyRoleSearchesAndReadsDetailsWithTheScanReport() throws Exception {
        String sender = UUID.randomUUID() + "@sender.example";
        BackupCopyView copy = stored(sender, true);
        for (RequestPostProcessor user : List.of(ADMIN, HELPDESK, AUDITOR)) {
            mvc.perform(get("/api/v1/backup").param("sender", sender).param("module", "ANTI_VIRUS").with(user))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.length()").value(1))
                    .andExpect(jsonPath("$[0].backupId").value(copy.backupId()))
                    .andExpect(jsonPath("$[0].triggers[0].status").value("INFECTED"))
                    .andExpect(jsonPath("$[0].message.recipients[0]").value("bob@corp.example"));
            mvc.perform(get("/api/v1/backup/" + copy.backupId()).with(user))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.copy.sha256").value(copy.sha256()))
                    .andExpect(jsonPath("$.scanReport.verdicts[0].reasons[0]").value("EICAR test file"));
        }
        mvc.perform(get("/api/v1/backup").param("sender", sender).param("module", "ANTI_SPAM").with(AUDITOR))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void refusesInvalidFilters() throws Exception {
        mvc.perform(get("/api/v1/backup").param("module", "FIREWALL").with(ADMIN))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error", containsString("module")));
        mvc.perform(get("/api/v1/backup").param("module", "ANTI_SPAM").param("status", "INFECTED").with(ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("INFECTED is not a status of ANTI_SPAM"));
        mvc.perform(get("/api/v1/backup").param("from", "2026-01-02T00:00:00Z").param("to", "2026-01-01T00:00:00Z")
                .with(ADMIN)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/backup").param("limit", "0").with(ADMIN)).andExpect(status().isBadRequest());
    }

    @Test
    void helpDeskDownloadsTheOriginalAndTheDownloadIsRecorded() throws Exception {
        BackupCopyView copy = stored("dl@example.org", true);

        mvc.perform(get("/api/v1/backup/" + copy.backupId() + "/eml").with(HELPDESK))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "message/rfc822"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"" + copy.backupId() + ".eml\""))
                .andExpect(content().bytes(ORIGINAL));

        assertThat(eventsOf(copy.backupId())).last().isInstanceOfSatisfying(BackupCopyDownloadedEvent.class,
                e -> assertThat(e.actor()).isEqualTo("backup-helpdesk"));
    }

    @Test
    void auditorsMayNotDownloadOrDeliver() throws Exception {
        BackupCopyView copy = stored("ro@example.org", true);
        mvc.perform(get("/api/v1/backup/" + copy.backupId() + "/eml").with(AUDITOR)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/backup/" + copy.backupId() + "/deliver").with(AUDITOR))
                .andExpect(status().isForbidden());
        assertThat(eventsOf(copy.backupId())).hasSize(1);
    }

    @Test
    void helpDeskDeliversToTheOriginalRecipientsEvenBeforeTheGatewaysEventArrived() throws Exception {
        BackupCopyView copy = stored("deliver@example.org", false);

        mvc.perform(post("/api/v1/backup/" + copy.backupId() + "/deliver").with(HELPDESK))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.backupId").value(copy.backupId()))
                .andExpect(jsonPath("$.recipients[0]").value("bob@corp.example"));

        List<Object> events = eventsOf(copy.backupId());
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(copy.storedEvent());
        assertThat(events.get(1)).isInstanceOfSatisfying(BackupCopyDeliveryRequestedEvent.class, e -> {
            assertThat(e.actor()).isEqualTo("backup-helpdesk");
            assertThat(e.message().recipients()).containsExactly("bob@corp.example");
            assertThat(e.requestId()).isNotBlank();
        });
        assertThat(storageEngine.readEvents(copy.backupId()).asStream().findFirst()).hasValueSatisfying(first -> {
            assertThat(first.getType()).isEqualTo("BackupCopy");
            assertThat(first.getPayload()).isInstanceOf(BackupCopyStoredEvent.class);
        });
    }

    @Test
    void onlyAdministratorsDelete() throws Exception {
        BackupCopyView copy = stored("del@example.org", true);
        String path = "/api/v1/backup/" + copy.backupId();

        mvc.perform(delete(path).with(HELPDESK)).andExpect(status().isForbidden());
        mvc.perform(delete(path).with(AUDITOR)).andExpect(status().isForbidden());
        assertThat(store.get(copy.backupId())).isPresent();

        mvc.perform(delete(path).with(ADMIN)).andExpect(status().isNoContent());

        assertThat(store.get(copy.backupId())).isEmpty();
        assertThat(eventsOf(copy.backupId())).last().isInstanceOfSatisfying(BackupCopyDeletedEvent.class,
                e -> assertThat(e.actor()).isEqualTo("backup-admin"));
        mvc.perform(get(path).with(ADMIN)).andExpect(status().isNotFound());
        mvc.perform(delete(path).with(ADMIN)).andExpect(status().isNotFound());
        mvc.perform(post(path + "/deliver").with(ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void answersNotFoundForUnknownCopies() throws Exception {
        mvc.perform(get("/api/v1/backup/nope.b").with(ADMIN)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("No Backup copy 'nope.b'"));
        mvc.perform(get("/api/v1/backup/nope.b/eml").with(HELPDESK)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/backup/nope.b/deliver").with(HELPDESK)).andExpect(status().isNotFound());
    }
}
