package io.bulwark.store.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.store.KilledChild;
import io.bulwark.store.StoreConnection;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Backup copy put without a commit of its own is durable once its announcement's append is: a
 * child JVM keeps copies as the gateway does and is killed with SIGKILL; every copy whose
 * announcement was acknowledged reads back byte for byte.
 */
class BackupDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyCopyWhoseAnnouncementWasAcknowledgedSurvivesKillMinus9() throws Exception {
        Path file = dir.resolve("store/bulwark.mv");
        Set<String> acknowledged = KilledChild.acknowledgedBeforeKill(BackupPuttingChild.class, 100, file.toString());

        try (StoreConnection reopened = StoreConnection.embedded(file, false);
                BackupStore store = BackupPuttingChild.backupStore(reopened)) {
            for (String n : acknowledged) {
                assertThat(store.get("copy-" + n + ".b")).as("copy %s", n).hasValueSatisfying(bytes ->
                        assertThat(bytes).isEqualTo(BackupPuttingChild.original(Integer.parseInt(n))));
            }
            assertThat(store.usage().copies()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
