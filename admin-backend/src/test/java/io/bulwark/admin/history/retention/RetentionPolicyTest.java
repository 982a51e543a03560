package io.bulwark.admin.history.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event classes and their retention from {@code bulwark.history.retention.<class>}. */
class RetentionPolicyTest {

    @Test
    void theClassFollowsTheEventsPackage() {
        assertThat(RetentionPolicy.classOf("io.bulwark.events.message.MessageDeliveredEvent")).isEqualTo("message");
        assertThat(RetentionPolicy.classOf("io.bulwark.events.scan.MessageScannedEvent")).isEqualTo("message");
        assertThat(RetentionPolicy.classOf("io.bulwark.events.quarantine.SpamQuarantineHeldEvent")).isEqualTo("message");
        assertThat(RetentionPolicy.classOf("io.bulwark.events.backup.BackupCopyStoredEvent")).isEqualTo("backup");
        assertThat(RetentionPolicy.classOf("io.bulwark.events.history.SealingKeyActivatedEvent")).isEqualTo("history");
        assertThat(RetentionPolicy.classOf("io.bulwark.events.rule.RuleCreatedEvent")).isEqualTo("admin");
        assertThat(RetentionPolicy.classOf("io.bulwark.events.queue.MessageHeldEvent")).isEqualTo("admin");
        assertThat(RetentionPolicy.classOf("org.example.SomethingElse")).isEqualTo("admin");
    }

    @Test
    void defaultsKeepMailNinetyDaysBackupAsTheBackupStoreAndEverythingElseForGood() {
        RetentionPolicy none = RetentionPolicy.of(Map.of(), null);
        assertThat(none.retention("message")).contains(Duration.ofDays(90));
        assertThat(none.retention("backup")).isEmpty();
        assertThat(none.retention("admin")).isEmpty();
        assertThat(none.retention("history")).isEmpty();
        assertThat(RetentionPolicy.of(Map.of(), Duration.ofDays(30)).retention("backup")).contains(Duration.ofDays(31));
    }

    @Test
    void propertiesSetDurationsOrKeep() {
        RetentionPolicy policy = RetentionPolicy.of(Map.of("message", "30d", "backup", "P7D"), null);
        assertThat(policy.retention("message")).contains(Duration.ofDays(30));
        assertThat(policy.retention("backup")).contains(Duration.ofDays(7));
        assertThat(RetentionPolicy.of(Map.of("message", "keep"), null).retention("message")).isEqualTo(Optional.empty());
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(policy.pastRetention("io.bulwark.events.message.MessageQueuedEvent", at, at.plus(Duration.ofDays(30))))
                .isTrue();
        assertThat(policy.pastRetention("io.bulwark.events.message.MessageQueuedEvent", at, at.plus(Duration.ofDays(29))))
                .isFalse();
        assertThat(policy.pastRetention("io.bulwark.events.rule.RuleCreatedEvent", at, at.plus(Duration.ofDays(9999))))
                .isFalse();
    }

    @Test
    void keptClassesUnknownClassesAndBadValuesAreRefused() {
        assertThatThrownBy(() -> RetentionPolicy.of(Map.of("admin", "30d"), null))
                .hasMessageContaining("always 'keep'");
        assertThatThrownBy(() -> RetentionPolicy.of(Map.of("mail", "30d"), null))
                .hasMessageContaining("no such event class");
        assertThatThrownBy(() -> RetentionPolicy.of(Map.of("message", "soon"), null))
                .hasMessageContaining("neither 'keep' nor a duration");
        assertThatThrownBy(() -> RetentionPolicy.of(Map.of("message", "0s"), null))
                .hasMessageContaining("positive");
    }
}
