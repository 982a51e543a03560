package io.bulwark.gateway.events;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.DeliveryTls;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.message.QueueName;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.RecipientStatus;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.store.EventAppender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the gateway does to a message into message lifecycle events and hands them to the
 * {@link EventAppender}.
 *
 * <p>Every event gets a deterministic identifier, a name-based UUID of the queue id and what
 * happened ({@code <queueId>:received}, {@code <queueId>:delivered:<attempt>:<nextHop>}, ...), and
 * an explicit timestamp taken from the spool metadata. Re-emitting after a crash therefore yields
 * the same events, which the appender ignores as duplicates. The attempt number in the ids is
 * persisted in the spool before each attempt, so two attempts never share an id.
 *
 * <p>Appends are asynchronous: the caller gets the appender's future and decides whether to wait
 * (only before deleting a spool entry, so that no terminal event is ever lost). Thread-safe.
 */
public final class MessageEventPublisher {
    private static final Logger log = LoggerFactory.getLogger(MessageEventPublisher.class);

    private final EventAppender appender;

    public MessageEventPublisher(EventAppender appender) {
        this.appender = appender;
    }

    /** MessageReceived and MessageQueued(INCOMING) for a committed message. */
    public CompletableFuture<Void> received(SpoolMetadata message) {
        return append(arrival(message));
    }

    /** MessageQueued(ACTIVE): a delivery attempt starts. */
    public CompletableFuture<Void> active(SpoolMetadata message, Instant at) {
        MessageRef ref = message.ref(addresses(message.pendingRecipients()));
        return append(List.of(wrap(message.queueId() + ":queued:ACTIVE:" + message.attempts(),
                new MessageQueuedEvent(ref, QueueName.ACTIVE.name(), at))));
    }

    /** MessageRejected: a refusal during the SMTP dialogue ({@code key} makes the id unique). */
    public CompletableFuture<Void> rejected(MessageRef ref, String stage, String reply, Instant at, String key) {
        return append(List.of(wrap(ref.queueId() + ":rejected:" + stage + ":" + key,
                new MessageRejectedEvent(ref, stage, reply, at))));
    }

    /** DeliveryDeferred for recipients that failed temporarily in the given attempt. */
    public CompletableFuture<Void> deferred(SpoolMetadata message, List<RecipientState> recipients,
            Instant nextAttemptAt) {
        List<EventMessage<?>> events = new ArrayList<>();
        groupByOutcome(recipients).forEach((outcome, group) -> events.add(wrap(
                message.queueId() + ":deferred:" + outcome.attempt() + ":" + outcome.nextHop() + ":" + group,
                new DeliveryDeferredEvent(message.ref(group), outcome.nextHop(), outcome.reply(), outcome.attempt(),
                        nextAttemptAt, outcome.at(), outcome.tls()))));
        return append(events);
    }

    /**
     * Every event of the message's life that its spool metadata can rebuild: received, queued, and
     * one delivered or bounced event per group of final recipients that share an outcome. Used
     * after each attempt and, awaited, before the spool entry is deleted.
     */
    public CompletableFuture<Void> outcomes(SpoolMetadata message) {
        List<EventMessage<?>> events = new ArrayList<>(arrival(message));
        List<RecipientState> delivered = message.recipients().stream()
                .filter(r -> r.status() == RecipientStatus.DELIVERED).toList();
        groupByOutcome(delivered).forEach((outcome, group) -> events.add(wrap(
                message.queueId() + ":delivered:" + outcome.attempt() + ":" + outcome.nextHop() + ":" + group,
                new MessageDeliveredEvent(message.ref(group), outcome.nextHop(), outcome.reply(), outcome.at(),
                        outcome.tls()))));
        List<RecipientState> bounced = message.recipients().stream()
                .filter(r -> r.status() == RecipientStatus.BOUNCED).toList();
        groupByOutcome(bounced).forEach((outcome, group) -> events.add(wrap(
                message.queueId() + ":bounced:" + outcome.attempt() + ":" + outcome.nextHop() + ":" + group,
                new MessageBouncedEvent(message.ref(group), outcome.nextHop(), outcome.reply(), outcome.dsnQueueId(),
                        outcome.at()))));
        return append(events);
    }

    private List<EventMessage<?>> arrival(SpoolMetadata message) {
        MessageRef ref = message.ref(message.recipientAddresses());
        return List.of(
                wrap(message.queueId() + ":received", new MessageReceivedEvent(ref, message.heloName(),
                        message.tlsProtocol(), message.tlsCipher(), message.sha256(), message.receivedAt())),
                wrap(message.queueId() + ":queued:INCOMING",
                        new MessageQueuedEvent(ref, QueueName.INCOMING.name(), message.receivedAt())));
    }

    private CompletableFuture<Void> append(List<EventMessage<?>> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future;
        try {
            future = appender.append(events);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        return future.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("appending {} message event(s) of {} failed", events.size(),
                        ((MessageEvent) events.getFirst().getPayload()).queueId(), failure);
            }
        });
    }

    private static EventMessage<?> wrap(String key, MessageEvent payload) {
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        return new GenericEventMessage<>(id, payload, Map.of(), payload.at());
    }

    private record Outcome(int attempt, String nextHop, String reply, Instant at, String dsnQueueId,
            DeliveryTls tls) {
    }

    private static Map<Outcome, List<String>> groupByOutcome(List<RecipientState> recipients) {
        Map<Outcome, List<String>> groups = new LinkedHashMap<>();
        for (RecipientState r : recipients) {
            Outcome key = new Outcome(r.attempt(), Objects.toString(r.nextHop(), ""), r.reply(), r.at(),
                    r.dsnQueueId(), r.tls());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r.address());
        }
        return groups;
    }

    private static List<String> addresses(List<RecipientState> recipients) {
        return recipients.stream().map(RecipientState::address).toList();
    }
}
