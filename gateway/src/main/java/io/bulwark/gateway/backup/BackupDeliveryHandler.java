package io.bulwark.gateway.backup;

import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Carries out "deliver again from Backup" requests, in the tracking processor
 * {@value #PROCESSING_GROUP}.
 *
 * <p>Exactly one gateway node must carry out each request, and the copy is in the shared store, so
 * any node can. The processor therefore uses the <em>shared</em> MongoDB token store (one segment):
 * the node that holds the segment's claim does the work, and when it stops or dies another node
 * claims it and continues from the stored token, so a request is never stranded with a dead node
 * (which tying it to the node that stored the copy would do). Its initial token is the head of the
 * stream: requests made before the processor first existed are history, not work.
 *
 * <p>At-least-once, as Axon's tracking: a crash between spooling and the token update carries a
 * request out twice (the recipient gets two copies), the same window every MTA has between
 * delivery and recording it. A failure to spool throws, so Axon retries the event.
 */
@ProcessingGroup(BackupDeliveryHandler.PROCESSING_GROUP)
public class BackupDeliveryHandler {
    /** Processing group and processor name, shared by all nodes (one claim, one worker). */
    public static final String PROCESSING_GROUP = "gateway-backup-delivery";

    private final BackupRedelivery redelivery;

    public BackupDeliveryHandler(BackupRedelivery redelivery) {
        this.redelivery = redelivery;
    }

    @EventHandler
    void on(BackupCopyDeliveryRequestedEvent event) {
        try {
            redelivery.deliver(event.backupId(), event.message());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool Backup copy " + event.backupId(), e);
        }
    }
}
