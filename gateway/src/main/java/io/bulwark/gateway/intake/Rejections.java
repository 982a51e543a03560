package io.bulwark.gateway.intake;

import io.bulwark.events.message.MessageRef;
import io.bulwark.gateway.events.MessageEventPublisher;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a refusal at RCPT, MAIL or DATA as a {@code MessageRejectedEvent} and a log line, so
 * that every refused transaction is traceable by its queue id. Thread-safe.
 */
final class Rejections {
    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final MessageEventPublisher events;
    private final String nodeId;
    private final Clock clock;

    Rejections(MessageEventPublisher events, String nodeId, Clock clock) {
        this.events = events;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /**
     * @param key distinguishes several refusals of one transaction (the event's idempotency key)
     */
    void record(String queueId, String sender, String client, List<String> recipients, String stage, String reply,
            String key) {
        MessageRef ref = new MessageRef(queueId, null, sender, recipients, 0, client, nodeId);
        events.rejected(ref, stage, reply, clock.instant(), key);
        log.info("{}: reject {} from {}: {}", queueId, stage, client, reply);
    }
}
