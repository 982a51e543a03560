package io.bulwark.gateway.backup;

import io.bulwark.events.message.MessageRef;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.spool.BodyInfo;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a Backup copy back into this node's spool, unchanged and unscanned, for its original
 * recipients and envelope sender: "deliver again from Backup". The copy was judged when it
 * arrived; an administrator decided to release it, so the scan is not repeated (it would only
 * remove the attachment again). It becomes a new message with its own queue id and life in the
 * events; delivery, retries and bounces are the spool's as for any message.
 *
 * <p>The bytes are the original as received by the gateway, our first Received header included,
 * and the store checked them against their SHA-256. Thread-safe.
 */
public final class BackupRedelivery {
    private static final Logger log = LoggerFactory.getLogger(BackupRedelivery.class);

    private final Function<String, Optional<byte[]>> originals;
    private final Spool spool;
    private final QueueIdGenerator queueIds;
    private final MessageEventPublisher events;
    private final SpoolListener listener;
    private final String nodeId;
    private final Clock clock;

    /**
     * @param originals the original bytes of a copy by backup id (the store's {@code get})
     * @param listener  told about the spooled message (the delivery scheduler)
     */
    public BackupRedelivery(Function<String, Optional<byte[]>> originals, Spool spool, QueueIdGenerator queueIds,
            MessageEventPublisher events, SpoolListener listener, String nodeId, Clock clock) {
        this.originals = originals;
        this.spool = spool;
        this.queueIds = queueIds;
        this.events = events;
        this.listener = listener;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /**
     * Spools the copy for {@code original.recipients()}.
     *
     * @return the new message's queue id, or empty when the copy is gone (deleted or evicted since
     *         the request: nothing to deliver, which is logged)
     * @throws IOException if the spool cannot take it; the caller retries
     */
    public Optional<String> deliver(String backupId, MessageRef original) throws IOException {
        Optional<byte[]> bytes = originals.apply(backupId);
        if (bytes.isEmpty()) {
            log.warn("Backup copy {} is gone; delivery request of {} not carried out", backupId, original.queueId());
            return Optional.empty();
        }
        if (original.recipients().isEmpty()) {
            log.warn("Backup copy {} has no recipients; nothing to deliver", backupId);
            return Optional.empty();
        }
        String queueId = queueIds.next();
        BodyInfo body = spool.writeGenerated(queueId, bytes.get());
        Instant now = clock.instant();
        SpoolMetadata metadata = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, queueId, nodeId,
                original.sender() == null ? "" : original.sender(),
                original.recipients().stream().map(RecipientState::pending).toList(), original.clientAddress(),
                null, null, null, body.messageId(), body.sizeBytes(), body.sha256(), body.eightBit(), now, 0, now,
                false, List.of(), null);
        try {
            spool.commit(metadata);
        } catch (IOException e) {
            spool.discard(queueId);
            throw e;
        }
        log.info("{}: Backup copy {} (originally {}) queued again for {}", queueId, backupId, original.queueId(),
                original.recipients());
        events.received(metadata);
        listener.committed(metadata);
        return Optional.of(queueId);
    }
}
