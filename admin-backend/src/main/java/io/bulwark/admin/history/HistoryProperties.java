package io.bulwark.admin.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auditor's history, under {@code bulwark.history} (docs/history.md).
 *
 * @param sealerEnabled      run the sealer on this node (default true; a cluster may run it on one
 *                           admin node only, though several are safe)
 * @param sealInterval       how often the sealer looks for new events (default 1s)
 * @param batchSize          events read per sealing pass (default 1000)
 * @param gapSettle          how long an empty index, with an event above it, must stay empty before
 *                           it is sealed as a gap (default 60s, the store's gap timeout)
 * @param checkpointEvents   sign a checkpoint after this many sealed indexes (default 1000)
 * @param checkpointInterval or after this long, when anything was sealed since (default 60s)
 * @param retention          {@code bulwark.history.retention.<class>}: how long events of a class stay
 *                           in the hot store, a duration or {@code keep} (RetentionPolicy, ADR 0029)
 * @param archiveEnabled     run the archiving job on this node (default true)
 * @param archiveInterval    how often it looks for segments past retention (default 1h)
 * @param archiveDir         where archive files go (default {@code ${bulwark.data-dir}/history-archive})
 */
@ConfigurationProperties("bulwark.history")
public record HistoryProperties(Boolean sealerEnabled, Duration sealInterval, Integer batchSize, Duration gapSettle,
        Long checkpointEvents, Duration checkpointInterval, java.util.Map<String, String> retention,
        Boolean archiveEnabled, Duration archiveInterval, java.nio.file.Path archiveDir) {

    public HistoryProperties {
        sealerEnabled = sealerEnabled == null || sealerEnabled;
        sealInterval = sealInterval == null ? Duration.ofSeconds(1) : sealInterval;
        batchSize = batchSize == null ? 1000 : batchSize;
        gapSettle = gapSettle == null ? Duration.ofSeconds(60) : gapSettle;
        checkpointEvents = checkpointEvents == null ? 1000 : checkpointEvents;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(60) : checkpointInterval;
        retention = retention == null ? java.util.Map.of() : java.util.Map.copyOf(retention);
        archiveEnabled = archiveEnabled == null || archiveEnabled;
        archiveInterval = archiveInterval == null ? Duration.ofHours(1) : archiveInterval;
    }
}
