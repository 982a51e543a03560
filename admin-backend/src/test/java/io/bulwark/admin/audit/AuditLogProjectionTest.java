package io.bulwark.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminLockedOutEvent;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.AdminLogoutRecordedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.SenderCriteria;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log projection behind a real tracking processor: which events become entries, what they
 * say (subject, object, result, old → new settings, the source address from metadata), the five
 * filters, and a rebuild from zero giving identical entries.
 */
class AuditLogProjectionTest {

    private static final String GROUP = AuditLogProjection.PROCESSING_GROUP;
    private static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("audit-test", database -> Map.of(GROUP, new AuditLogProjection(database)));
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    private void publish(Object event) {
        publish(event, Map.of());
    }

    private void publish(Object event, Map<String, ?> metaData) {
        replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(event).andMetaData(metaData));
    }

    private AuditEntriesPage find(FindAuditEntriesQuery query) {
        replay.awaitCaughtUp(GROUP);
        return replay.axon().queryGateway().query(query, ResponseTypes.instanceOf(AuditEntriesPage.class)).join();
    }

    private static FindAuditEntriesQuery all() {
        return new FindAuditEntriesQuery(null, null, null, null, null, null, false, 0, 100);
    }

    private void recordHistory() {
        publish(new AdminAccountCreatedEvent("alice", "ADMINISTRATOR", "$2a$hash", "system", AT));
        publish(new AdminAccountCreatedEvent("hd", "HELPDESK", "$2a$hash", "alice", AT));
        publish(new RuleSetInitializedEvent(RulePresets.initialRules(), "system", AT));
        publish(AdminLoginRecordedEvent.ofAccount("alice", true, "192.0.2.10", "console", AT, false));
        publish(AdminLoginRecordedEvent.ofUnknownAccount("198.51.100.7", "console", AT, false));
        publish(new AdminLockedOutEvent(null, "198.51.100.7", AdminLockedOutEvent.ADDRESS, 10,
                AT.plusSeconds(900), AT));
        RuleDefinition created = RuleDefinition.withDefaults("Sales", SenderCriteria.anyone(), RecipientCriteria.anyone());
        publish(new RuleCreatedEvent("r-1", created, 2, "alice", AT), Map.of(AuditMetadata.REMOTE_ADDRESS, "192.0.2.10"));
        publish(new RuleEditedEvent("r-1", created.withMode(RuleMode.SKIP_WITHOUT_SCANNING), "alice", AT),
                Map.of(AuditMetadata.REMOTE_ADDRESS, "192.0.2.10"));
        publish(new RuleDisabledEvent("r-1", "alice", AT));
        publish(new RuleDeletedEvent("r-1", "Sales", "alice", AT));
        publish(new AdminPasswordChangedEvent("hd", "$2a$other", "alice", AT));
        publish(new AdminLogoutRecordedEvent("alice", "192.0.2.10", "console", AT));
        publish(new MessageQueuedEvent(new MessageRef("q1", "<m@x>", "a@x", List.of("b@y"), 10, "203.0.113.1", "n1"),
                "INCOMING", AT));
    }

    @Test
    void administrativeAndAuthenticationEventsBecomeEntriesInOrder() {
        recordHistory();

        List<AuditEntryView> entries = find(all()).entries();

        assertThat(entries).extracting(AuditEntryView::type).containsExactly("AccountCreated", "AccountCreated",
                "RulesInitialized", "Login", "LoginFailed", "Lockout", "RuleCreated", "RuleEdited", "RuleDisabled",
                "RuleDeleted", "PasswordChanged", "Logout");
        AuditEntryView login = entries.get(3);
        assertThat(login.user()).isEqualTo("alice");
        assertThat(login.role()).isEqualTo("ADMINISTRATOR");
        assertThat(login.address()).isEqualTo("192.0.2.10");
        assertThat(login.result()).isEqualTo(AuditEntryView.SUCCESS);
        AuditEntryView failed = entries.get(4);
        assertThat(failed.user()).isNull();
        assertThat(failed.result()).isEqualTo(AuditEntryView.FAILURE);
        assertThat(failed.description()).contains("no such account");
        assertThat(entries.get(5).description()).contains("198.51.100.7").contains("locked out");
    }

    @Test
    void settingChangesAreShownOldToNewAgainstThePreviousSettings() {
        recordHistory();
        List<AuditEntryView> entries = find(all()).entries();

        AuditEntryView created = entries.get(6);
        assertThat(created.object()).isEqualTo("rule \"Sales\" (r-1)");
        assertThat(created.address()).as("from the event's metadata").isEqualTo("192.0.2.10");
        assertThat(created.changes()).isNotEmpty().allMatch(change -> change.oldValue() == null);

        AuditEntryView edited = entries.get(7);
        assertThat(edited.description()).isEqualTo("Edited rule \"Sales\" (r-1)");
        assertThat(edited.changes()).extracting(Object::toString).containsExactly("mode[SCAN][SKIP_WITHOUT_SCANNING]");

        AuditEntryView disabled = entries.get(8);
        assertThat(disabled.object()).as("name remembered from earlier events").isEqualTo("rule \"Sales\" (r-1)");
        assertThat(disabled.changes()).extracting(Object::toString).containsExactly("enabled[true][false]");

        AuditEntryView password = entries.get(10);
        assertThat(password.changes()).isEmpty();
        assertThat(password.toString()).doesNotContain("$2a$");
    }

    @Test
    void theFiveFiltersNarrowTheLog() {
        recordHistory();

        assertThat(find(new FindAuditEntriesQuery(null, null, List.of("Login", "LoginFailed"), null, null, null, true, 0,
                10)).entries()).extracting(AuditEntryView::type).containsExactly("LoginFailed", "Login");
        assertThat(find(new FindAuditEntriesQuery(null, null, null, "HELPDESK", null, null, true, 0, 10)).total())
                .as("by role: none acted as helpdesk").isZero();
        assertThat(find(new FindAuditEntriesQuery(null, null, null, "198.51.100.7", null, null, true, 0, 10)).entries())
                .extracting(AuditEntryView::type).containsExactly("Lockout", "LoginFailed");
        assertThat(find(new FindAuditEntriesQuery(null, null, null, null, "failure", null, true, 0, 10)).total())
                .isEqualTo(2);
        assertThat(find(new FindAuditEntriesQuery(null, null, null, null, null, "sales edit", true, 0, 10)).entries())
                .extracting(AuditEntryView::type).containsExactly("RuleEdited");
        assertThat(find(new FindAuditEntriesQuery(AT.plusSeconds(1), null, null, null, null, null, true, 0, 10)).total())
                .isZero();
        assertThat(find(new FindAuditEntriesQuery(AT, AT.plusSeconds(1), null, "alice", null, null, true, 0, 3)))
                .satisfies(page -> {
                    assertThat(page.total()).isGreaterThan(3);
                    assertThat(page.entries()).hasSize(3);
                });
    }

    @Test
    void rebuildingFromZeroGivesIdenticalEntries() {
        recordHistory();
        AuditEntriesPage before = find(all());

        replay.rebuild(List.of(GROUP), List.of(AuditLogProjection.COLLECTION, AuditLogProjection.STATE_COLLECTION));

        assertThat(find(all())).isEqualTo(before);
    }
}
