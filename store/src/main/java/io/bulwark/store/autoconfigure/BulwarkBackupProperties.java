package io.bulwark.store.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of Backup ({@link io.bulwark.store.backup.BackupStore}), under {@code bulwark.backup}. */
@ConfigurationProperties(prefix = "bulwark.backup")
public class BulwarkBackupProperties {

    /** Size cap of all copies (compressed); the oldest are evicted above it. */
    private DataSize maxSize = DataSize.ofGigabytes(7);

    /** Copies older than this are evicted; unset keeps them until the cap needs room. */
    private Duration maxAge;

    /** Warn when this share (percent) of the cap is used. */
    private int warningPercent = 90;

    /** Warn when the data directory's disk has less free space than this. */
    private DataSize minFreeSpace = DataSize.ofGigabytes(1);

    /** A warning that persists is repeated this often. */
    private Duration warningInterval = Duration.ofHours(24);

    /** Eviction and warning checks run this often (also right after a copy that exceeds the cap). */
    private Duration maintenanceInterval = Duration.ofMinutes(1);

    public DataSize getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
        this.maxSize = maxSize;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public int getWarningPercent() {
        return warningPercent;
    }

    public void setWarningPercent(int warningPercent) {
        this.warningPercent = warningPercent;
    }

    public DataSize getMinFreeSpace() {
        return minFreeSpace;
    }

    public void setMinFreeSpace(DataSize minFreeSpace) {
        this.minFreeSpace = minFreeSpace;
    }

    public Duration getWarningInterval() {
        return warningInterval;
    }

    public void setWarningInterval(Duration warningInterval) {
        this.warningInterval = warningInterval;
    }

    public Duration getMaintenanceInterval() {
        return maintenanceInterval;
    }

    public void setMaintenanceInterval(Duration maintenanceInterval) {
        this.maintenanceInterval = maintenanceInterval;
    }
}
