package io.bulwark.admin.antispam;

import io.bulwark.events.antispam.TrainingVerdict;

/**
 * Body of {@code POST /api/v1/antispam/training}: exactly one of {@code backupId} (a Backup copy)
 * and {@code queueId} (a tracked or queued message, through its Backup copy), and the verdict.
 */
public record TrainingRequest(String backupId, String queueId, TrainingVerdict verdict) {
}
