package io.bulwark.gateway.queue;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.queue.TrafficDirection;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.quarantine.SpamQuarantine;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.store.EventAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of queue control: performs the administrators' requests on the messages in its
 * own spool and on its own listener and scheduler, remembers what must survive a restart
 * ({@link QueueControlState}), and records every result as an event.
 *
 * <p>A request names messages, or all of them, and optionally a node. Each node acts only on the
 * messages its spool holds and ignores requests for other nodes, so a cluster-wide request simply
 * reaches every node. Result events get identifiers derived from the request id, the action and the
 * queue id, so a request handled twice (the tracking processor delivers at least once) appends
 * nothing new; the actions themselves are idempotent (holding a held message, releasing a released
 * one, deleting a deleted one do nothing).
 *
 * <p>Semantics, as in Postfix: a held message is never attempted until released (a forced delivery
 * leaves it held); release makes it deliverable at once; a deletion removes the message without DSN
 * (its pending recipients get {@link QueuedMessageDeletedEvent}, a terminal state) and runs between
 * delivery attempts, never during one. Stop receiving: new SMTP connections get {@code 421 4.3.2};
 * stop sending: no attempt starts. Both switches are kept on disk and re-applied at start.
 *
 * <p>Thread-safe; normally called by one tracking-processor thread.
 */
public final class QueueControl {
    private static final Logger log = LoggerFactory.getLogger(QueueControl.class);
    /** How long a request waits for its deletions before the processor moves on (they go on in the background). */
    static final Duration DELETE_WAIT = Duration.ofSeconds(60);

    private final String nodeId;
    private final Spool spool;
    private final DeliveryScheduler scheduler;
    private final SmtpServerLifecycle listener;
    private final MessageEventPublisher messageEvents;
    private final EventAppender appender;
    private final QueueControlState state;
    private final Clock clock;
    private final SpamQuarantine quarantine;

    /**
     * Restores the held messages and the switches into the scheduler and the listener; call before
     * they start (the Spring wiring constructs this before any lifecycle starts).
     *
     * @param listener the SMTP listener, or null on a node without one
     */
    public QueueControl(String nodeId, Spool spool, DeliveryScheduler scheduler, SmtpServerLifecycle listener,
            MessageEventPublisher messageEvents, EventAppender appender, QueueControlState state, Clock clock) {
        this(nodeId, spool, scheduler, listener, messageEvents, appender, state, clock, null);
    }

    /**
     * @param quarantine the node's Anti-Spam Quarantine, or null: Release of a message it holds
     *                   releases it from there, Delete tells it
     */
    public QueueControl(String nodeId, Spool spool, DeliveryScheduler scheduler, SmtpServerLifecycle listener,
            MessageEventPublisher messageEvents, EventAppender appender, QueueControlState state, Clock clock,
            SpamQuarantine quarantine) {
        this.quarantine = quarantine;
        this.nodeId = nodeId;
        this.spool = spool;
        this.scheduler = scheduler;
        this.listener = listener;
        this.messageEvents = messageEvents;
        this.appender = appender;
        this.state = state;
        this.clock = clock;
        restore();
    }

    private void restore() {
        try {
            for (String queueId : state.held()) {
                if (spool.read(queueId).isPresent()) {
                    scheduler.hold(queueId);
                } else {
                    state.forget(queueId); // left the spool while held (deleted) before the marker went
                }
            }
            QueueControlState.Traffic traffic = state.traffic();
            if (!traffic.sending()) {
                scheduler.pauseSending();
                log.warn("sending is stopped on this node (switched off by an administrator)");
            }
            if (!traffic.receiving() && listener != null) {
                listener.pauseReceiving();
                log.warn("receiving is stopped on this node (switched off by an administrator)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the queue control state", e);
        }
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * What a request did on this node.
     *
     * @param applied   queue ids the action took effect on
     * @param completion completes when the request's effects and events are done (deletions may
     *                   finish after {@link #apply} returned)
     */
    public record Outcome(List<String> applied, CompletableFuture<Void> completion) {
    }

    /** Performs a queue action on the messages of this node that it concerns. */
    public Outcome apply(QueueActionRequestedEvent request) {
        if (request.nodeId() != null && !request.nodeId().equals(nodeId)) {
            return new Outcome(List.of(), CompletableFuture.completedFuture(null));
        }
        List<String> targets = request.all() ? List.copyOf(new TreeSet<>(scheduler.queueIds()))
                : request.queueIds().stream().filter(id -> QueueControlState.QUEUE_ID.matcher(id).matches()).toList();
        List<String> applied = new ArrayList<>();
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (String queueId : targets) {
            try {
                Optional<SpoolMetadata> stored = spool.read(queueId);
                if (stored.isEmpty()) {
                    continue; // another node's message, or already gone
                }
                CompletableFuture<?> done = perform(request, stored.get());
                if (done != null) {
                    applied.add(queueId);
                    work.add(done);
                }
            } catch (IOException | RuntimeException e) {
                log.error("{}: {} failed (request {})", queueId, request.action(), request.requestId(), e);
            }
        }
        if (!applied.isEmpty()) {
            log.info("{} by {} (request {}): {} message(s) on {}", request.action(), request.actor(),
                    request.requestId(), applied.size(), nodeId);
        }
        return new Outcome(List.copyOf(applied), CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)));
    }

    /** Returns the action's completion, or null if it had nothing to do. */
    private CompletableFuture<?> perform(QueueActionRequestedEvent request, SpoolMetadata message)
            throws IOException {
        String queueId = message.queueId();
        MessageRef ref = pending(message);
        return switch (request.action()) {
            case HOLD -> {
                if (scheduler.isHeld(queueId)) {
                    yield null;
                }
                state.hold(queueId); // durable first: a crash after this is still a hold
                scheduler.hold(queueId);
                yield append(request, queueId, new MessageHeldEvent(ref, request.requestId(), request.actor(),
                        clock.instant()));
            }
            case RELEASE -> {
                if (quarantine != null && quarantine.holds(queueId)) {
                    CompletableFuture<Void> released = quarantine.release(queueId, request.requestId(),
                            request.actor());
                    if (released != null) {
                        yield released;
                    }
                }
                // Only an administrator's own hold is released here. A message the quarantine no longer
                // holds but the scheduler still does is being re-checked: the re-check releases it
                // once its entry (and variant files) are in place; releasing it now would start a
                // delivery from the old entry while the re-check replaces its files.
                if (!scheduler.isHeld(queueId) || !state.holds(queueId)) {
                    yield null;
                }
                state.forget(queueId);
                scheduler.release(queueId);
                yield append(request, queueId, new MessageReleasedEvent(ref, request.requestId(), request.actor(),
                        clock.instant()));
            }
            case FORCE_DELIVERY -> {
                if (scheduler.isHeld(queueId)) {
                    log.info("{}: held, not forced (release it first)", queueId);
                    yield null;
                }
                scheduler.flush(queueId);
                yield append(request, queueId, new DeliveryForcedEvent(ref, request.requestId(), request.actor(),
                        clock.instant()));
            }
            case DELETE -> scheduler.deleteQueued(queueId, current -> {
                // The whole life of the message first, as when it finishes, then the deletion.
                CompletableFuture<Void> life = messageEvents.outcomes(current);
                CompletableFuture<Void> deleted = append(request, queueId, new QueuedMessageDeletedEvent(
                        current.ref(current.pendingRecipients().stream().map(RecipientState::address).toList()),
                        request.requestId(), request.actor(), clock.instant()));
                CompletableFuture<Void> quarantined = quarantine == null ? CompletableFuture.completedFuture(null)
                        : quarantine.deleted(current.ref(current.pendingRecipients().stream()
                                .map(RecipientState::address).toList()), request.requestId(), request.actor());
                return CompletableFuture.allOf(life, deleted, quarantined);
            }).thenAccept(removed -> {
                if (removed) {
                    forgetQuietly(queueId);
                }
            });
        };
    }

    /**
     * Applies a request and waits (bounded) for deletions, so that a request normally completes
     * before the processor records its position.
     */
    public Outcome applyAndWait(QueueActionRequestedEvent request) {
        Outcome outcome = apply(request);
        try {
            outcome.completion().get(DELETE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("request {} ({}) not completed within {}: {}", request.requestId(), request.action(),
                    DELETE_WAIT, e.toString());
        }
        return outcome;
    }

    /** Switches receiving or sending if the request concerns this node; returns whether it did. */
    public boolean apply(NodeTrafficChangeRequestedEvent request) {
        if (request.nodeId() != null && !request.nodeId().equals(nodeId)) {
            return false;
        }
        try {
            QueueControlState.Traffic current = state.traffic();
            boolean receiving = request.direction() == TrafficDirection.RECEIVING ? request.enabled()
                    : current.receiving();
            boolean sending = request.direction() == TrafficDirection.SENDING ? request.enabled() : current.sending();
            state.traffic(new QueueControlState.Traffic(receiving, sending));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the queue control switches", e);
        }
        if (request.direction() == TrafficDirection.SENDING) {
            if (request.enabled()) {
                scheduler.resumeSending();
            } else {
                scheduler.pauseSending();
            }
        } else if (listener != null) {
            if (request.enabled()) {
                listener.resumeReceiving();
            } else {
                listener.pauseReceiving();
            }
        }
        log.warn("{} {} on {} by {} (request {})", request.direction(), request.enabled() ? "started" : "stopped",
                nodeId, request.actor(), request.requestId());
        appendQuietly(request.requestId() + ":traffic:" + nodeId, new NodeTrafficChangedEvent(nodeId,
                request.direction(), request.enabled(), request.requestId(), request.actor(), clock.instant()));
        return true;
    }

    /** Records how this node runs (at start-up), so the node view shows switches kept from before. */
    public CompletableFuture<Void> reportState() {
        try {
            QueueControlState.Traffic traffic = state.traffic();
            return appendQuietly(nodeId + ":traffic-state:" + clock.instant(), new NodeTrafficStateReportedEvent(
                    nodeId, listener != null, traffic.receiving() && listener != null, traffic.sending(),
                    clock.instant()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> append(QueueActionRequestedEvent request, String queueId, Object event) {
        return appendQuietly(request.requestId() + ":" + request.action() + ":" + queueId, event);
    }

    private CompletableFuture<Void> appendQuietly(String key, Object event) {
        return io.bulwark.gateway.events.KeyedEvents.append(appender, key, event, clock.instant());
    }

    private void forgetQuietly(String queueId) {
        try {
            state.forget(queueId);
        } catch (IOException e) {
            log.warn("{}: could not remove its hold marker; removed at the next start", queueId, e);
        }
    }

    /** The message as events show it: its pending recipients (all of them once none is pending). */
    private static MessageRef pending(SpoolMetadata message) {
        List<String> pending = message.pendingRecipients().stream().map(RecipientState::address).toList();
        return message.ref(pending.isEmpty() ? message.recipientAddresses() : pending);
    }
}
