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
import io.bulwark.events.scan.MessageDeletedEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.RecipientGroupDecision;
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
import java.util.concurrent.ConcurrentHashMap;
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
 * persisted in the spool with each attempt's outcome, before any event of that outcome is appended,
 * so two attempts with outcomes never share an id (an attempt cut short by a crash is redone under
 * its number).
 *
 * <p>Appends are asynchronous: the caller gets the appender's future and decides whether to wait
 * (only before deleting a spool entry, so that no terminal event is ever lost). Thread-safe.
 */
public final class MessageEventPublisher {
    private static final Logger log = LoggerFactory.getLogger(MessageEventPublisher.class);

    /** Above this many remembered messages the memory is cleared (and arrivals are re-sent: safe). */
    static final int ARRIVALS_REMEMBERED = 100_000;

    private final EventAppender appender;
    /**
     * The append of each message's arrival events (received, scanned) this process made, by queue
     * id, while the message is in the spool. {@link #outcomes} appends its events after that append
     * has succeeded, and sends the arrival again only when it failed or is unknown (after a restart,
     * or once the map was cleared). Sending them with every outcome was correct but cost extra event
     * writes per message, the largest single cost in the benchmark profile; and remembering only
     * <em>confirmed</em> arrivals was not enough: under load a delivery often finishes before its
     * arrival's append is confirmed, and the re-sent duplicates cost a look-up, a failed insert and
     * its classification each (the "profile before" of ADR 0033).
     */
    private final Map<String, CompletableFuture<Void>> arrivals = new ConcurrentHashMap<>();

    public MessageEventPublisher(EventAppender appender) {
        this.appender = appender;
    }

    /**
     * MessageReceived (and MessageScanned, when the message was judged) for a committed message:
     * the receipt also puts it in the INCOMING queue, so no MessageQueued(INCOMING) follows.
     */
    public CompletableFuture<Void> received(SpoolMetadata message) {
        if (arrivals.size() >= ARRIVALS_REMEMBERED) {
            arrivals.clear();
        }
        CompletableFuture<Void> appended = append(arrival(message));
        arrivals.put(message.queueId(), appended);
        return appended;
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
     * Every event of the message's life that its spool metadata can rebuild: received (unless this
     * process appended it already; then after that append), and
     * one delivered or bounced event per group of final recipients that share an outcome. Used
     * after each attempt and, awaited, before the spool entry is deleted.
     */
    public CompletableFuture<Void> outcomes(SpoolMetadata message) {
        String queueId = message.queueId();
        List<EventMessage<?>> events = new ArrayList<>();
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
        events.addAll(deletions(message));
        CompletableFuture<Void> arrival = arrivals.get(queueId);
        CompletableFuture<Void> appended = arrival == null
                ? append(withArrival(message, events))
                // after the arrival's own append, so the history keeps its order; again if it failed
                : arrival.handle((ok, failure) -> failure)
                        .thenCompose(failure -> append(failure == null ? events : withArrival(message, events)));
        if (message.isComplete()) {
            appended = appended.thenRun(() -> arrivals.remove(queueId));
        }
        return appended;
    }

    /**
     * The scan of a message whose DATA was refused: MessageScanned and MessageRejected (stage DATA).
     * Nothing was spooled, so these are appended once, like other refusals in the dialogue.
     */
    public CompletableFuture<Void> dataRejected(MessageScannedEvent scan, String reply) {
        MessageRef ref = scan.message();
        return append(List.of(
                wrap(ref.queueId() + ":scanned", scan, scan.at()),
                wrap(ref.queueId() + ":rejected:DATA:policy", new MessageRejectedEvent(ref, "DATA", reply, scan.at()))));
    }

    /**
     * MessageDeleted per recipient group the policy did not deliver to, rebuilt from the recorded
     * decision (the spool keeps it), so the event is identical after a crash.
     */
    private static List<EventMessage<?>> deletions(SpoolMetadata message) {
        if (message.scan() == null) {
            return List.of();
        }
        Instant at = message.scan().at();
        List<EventMessage<?>> events = new ArrayList<>();
        for (RecipientGroupDecision decision : message.scan().decisions()) {
            List<String> deleted = message.recipients().stream()
                    .filter(r -> r.status() == RecipientStatus.DELETED && decision.recipients().contains(r.address()))
                    .map(RecipientState::address).toList();
            if (deleted.isEmpty()) {
                continue;
            }
            String reason = (decision.decided() == decision.applied() ? ""
                    : "rule said " + decision.decided() + ", other recipients were accepted: ")
                    + String.join("; ", decision.reasons());
            events.add(wrap(message.queueId() + ":deleted:" + deleted, new MessageDeletedEvent(
                    message.ref(deleted), decision.ruleId(), decision.ruleName(), reason, at), at));
        }
        return events;
    }

    private List<EventMessage<?>> withArrival(SpoolMetadata message, List<EventMessage<?>> events) {
        List<EventMessage<?>> all = arrival(message);
        all.addAll(events);
        return all;
    }

    private List<EventMessage<?>> arrival(SpoolMetadata message) {
        MessageRef ref = message.ref(message.recipientAddresses());
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(wrap(message.queueId() + ":received", new MessageReceivedEvent(ref, message.heloName(),
                message.tlsProtocol(), message.tlsCipher(), message.sha256(), message.receivedAt())));
        if (message.scan() != null) {
            events.add(wrap(message.queueId() + ":scanned", message.scan(), message.scan().at()));
        }
        // No MessageQueued(INCOMING): it said what MessageReceived says, at the same instant, and cost
        // an event write and a projection update per message (ADR 0033). Consumers read a
        // MessageReceived as "received and in the INCOMING queue".
        return events;
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
                log.warn("appending {} message event(s) ({}) failed", events.size(),
                        events.getFirst().getPayload(), failure);
            }
        });
    }

    private static EventMessage<?> wrap(String key, MessageEvent payload) {
        return wrap(key, payload, payload.at());
    }

    private static EventMessage<?> wrap(String key, Object payload, Instant at) {
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        return new GenericEventMessage<>(id, payload, Map.of(), at);
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
