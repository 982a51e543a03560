package io.bulwark.admin.backup;

import java.util.List;

/**
 * The answer to a delivery from Backup: the request the gateway will carry out.
 *
 * @param backupId   the copy
 * @param requestId  the request's id (in {@code BackupCopyDeliveryRequestedEvent})
 * @param recipients the original recipients it goes to
 */
public record BackupDeliveryRequest(String backupId, String requestId, List<String> recipients) {
}
