package io.bulwark.gateway.delivery;

import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.flow.InFlowControl;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs delivery attempts when they are due: a single timer thread holds the schedule, each due
 * attempt runs on its own virtual thread, and a semaphore bounds how many are in their SMTP
 * transactions at once ({@code bulwark.delivery.concurrency}; a finished message's wait for its
 * final events to be durable is outside it, ADR 0051). A queue id is scheduled at most once at a
 * time, so one message is never handled by two threads.
 *
 * <p>On start it resumes the spool: every committed message is re-announced (received/queued
 * events, idempotent) and scheduled at its persisted next-attempt time. On stop it stops taking
 * work, lets running attempts finish for a grace period, then interrupts them; an interrupted
 * attempt is simply retried by the next start. Starts before and stops after the SMTP listener.
 *
 * <p>Queue control ({@link #hold}, {@link #release}, {@link #flush}, {@link #deleteQueued},
 * {@link #pauseSending}) keeps that guarantee: a held, deleted or paused message is simply not
 * attempted when its turn comes, and a deletion runs on the thread that owns the message, between
 * attempts, so it never races a delivery. Holds and the pause live in memory here; the queue control
 * component persists them and restores them before {@link #start()}.
 *
 * <p>Thread-safe.
 */
public final class DeliveryScheduler implements SmartLifecycle, SpoolListener {
    /** Before the SMTP listener's phase: started earlier, stopped later. */
    public static final int PHASE = Integer.MAX_VALUE - 1100;

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** How long a deletion waits for its events to be durable, as a finished message does. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    private final Spool spool;
    private final DeliveryAgent agent;
    private final MessageEventPublisher events;
    private final int concurrency;
    private final Duration errorRetry;
    private final Clock clock;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Messages an administrator held: never attempted while in here. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Deletions waiting for the thread that owns the message. */
    private final Map<String, Deletion> deletions = new ConcurrentHashMap<>();
    /** The pending timer of each waiting message, so that a forced delivery can cut the wait short. */
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    /** Messages whose turn came while sending was paused; rescheduled on resume. */
    private final Set<String> parked = ConcurrentHashMap.newKeySet();
    private volatile boolean sendingPaused;
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private Semaphore permits;
    private volatile boolean running;
    private volatile boolean recovered;
    private final InFlowControl inFlow;

    public DeliveryScheduler(Spool spool, DeliveryAgent agent, MessageEventPublisher events, int concurrency,
            Duration errorRetry, Clock clock) {
        this(spool, agent, events, concurrency, errorRetry, clock, InFlowControl.off());
    }

    /** As above, reporting attempts that wait for a permit to intake flow control. */
    public DeliveryScheduler(Spool spool, DeliveryAgent agent, MessageEventPublisher events, int concurrency,
            Duration errorRetry, Clock clock, InFlowControl inFlow) {
        this.inFlow = inFlow;
        this.spool = spool;
        this.agent = agent;
        this.events = events;
        this.concurrency = concurrency;
        this.errorRetry = errorRetry;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bulwark-delivery-timer")
                .daemon(true).factory());
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulwark-delivery-", 0).factory());
        permits = new Semaphore(concurrency);
        running = true;
        try {
            for (SpoolMetadata message : spool.recover()) {
                events.received(message);
                schedule(message.queueId(), message.nextAttemptAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool " + spool.directory(), e);
        }
        recovered = true;
        log.info("delivery started: {} message(s) in the spool", scheduled.size());
    }

    /**
     * Whether the spool has been recovered since this scheduler started. Until then nothing may
     * write spool files of committed messages: recovery removes the variant files that no entry
     * lists, which a re-check's new ones are until it commits.
     */
    public boolean spoolRecovered() {
        return recovered;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        recovered = false;
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduled.clear();
        timers.clear();
        parked.clear();
        deletions.values().forEach(d -> d.result().complete(false));
        deletions.clear();
        log.info("delivery stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void committed(SpoolMetadata message) {
        schedule(message.queueId(), message.nextAttemptAt());
    }

    /** Number of messages scheduled or being delivered on this node. */
    public int size() {
        return scheduled.size();
    }

    /** Schedules a message unless it is already scheduled or running. */
    public void schedule(String queueId, Instant at) {
        if (running && scheduled.add(queueId)) {
            enqueue(queueId, at);
        }
    }

    private void enqueue(String queueId, Instant at) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            ScheduledFuture<?> future = timer.schedule(() -> dispatch(queueId), delay, TimeUnit.MILLISECONDS);
            timers.put(queueId, future);
            // A timer due now may have fired (and dispatch removed nothing) before the put above: drop the
            // stale entry, or a later flush would find it, fail to cancel it and schedule nothing.
            if (future.isDone()) {
                timers.remove(queueId, future);
            }
        } catch (RejectedExecutionException e) {
            scheduled.remove(queueId); // stopping: the next start resumes it from the spool
        }
    }

    private void dispatch(String queueId) {
        timers.remove(queueId);
        // Due from now: counted as waiting for a permit until it holds one, including while its
        // thread waits to run (under load that wait is the longer one, and intake must see it).
        // The executor starts a thread for every task it accepts, so an accepted task always runs
        // and takes itself out of the count (waitForPermit).
        inFlow.deliveryWaiting();
        try {
            workers.execute(() -> run(queueId));
        } catch (RejectedExecutionException e) {
            inFlow.deliveryStarted();
            scheduled.remove(queueId);
        }
    }

    private void run(String queueId) {
        // counted as waiting since dispatch: exactly one deliveryStarted() on every way out of here
        if (!waitForPermit(queueId)) {
            return;
        }
        Optional<Instant> next;
        // The permit bounds concurrent SMTP transactions, so it is given back as soon as they are
        // over: a finished message then waits for its final events to be durable without holding
        // a slot another message could use. Given back once, whichever comes first.
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        Runnable freeSlot = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                permits.release();
            }
        };
        try {
            DeliveryAgent.AttemptResult result = agent.attempt(queueId, freeSlot);
            next = result.nextRun();
            for (SpoolMetadata generated : result.generated()) {
                schedule(generated.queueId(), generated.nextAttemptAt());
            }
        } catch (IOException | RuntimeException e) {
            log.error("{}: delivery attempt failed; retrying in {}", queueId, errorRetry, e);
            next = Optional.of(clock.instant().plus(errorRetry));
        } finally {
            freeSlot.run();
        }
        if (next.isPresent() && running) {
            // A deletion asked for during the attempt is not left waiting for the back-off.
            enqueue(queueId, deletions.containsKey(queueId) ? clock.instant() : next.get());
        } else {
            scheduled.remove(queueId);
            Deletion orphan = deletions.remove(queueId);
            if (orphan != null) {
                orphan.result().complete(false); // it left the spool by itself
            }
        }
    }

    /**
     * Applies queue control, then takes a delivery permit; false when the attempt must not run (held,
     * deleted, paused, interrupted). Either way the attempt no longer counts as waiting afterwards.
     */
    private boolean waitForPermit(String queueId) {
        try {
            if (administered(queueId)) {
                return false;
            }
            permits.acquire();
            return true;
        } catch (InterruptedException e) {
            scheduled.remove(queueId);
            return false;
        } finally {
            inFlow.deliveryStarted();
        }
    }

    // ---- queue control

    /** A deletion request: what to do before the spool entry goes, and the caller's answer. */
    private record Deletion(Function<SpoolMetadata, CompletableFuture<?>> beforeDelete,
            CompletableFuture<Boolean> result) {
    }

    /**
     * Applies holds, deletions and the sending pause when a message's turn comes. Returns true when
     * the attempt must not run; the message then left the schedule or was parked.
     */
    private boolean administered(String queueId) {
        Deletion deletion = deletions.remove(queueId);
        if (deletion != null) {
            if (!delete(queueId, deletion)) {
                scheduled.remove(queueId);
            }
            return true;
        }
        if (held.contains(queueId)) {
            scheduled.remove(queueId);
            if (!held.contains(queueId)) {
                schedule(queueId, clock.instant()); // released in between: its release found it still scheduled
            }
            return true;
        }
        if (sendingPaused) {
            parked.add(queueId);
            if (!sendingPaused && parked.remove(queueId)) {
                enqueue(queueId, clock.instant()); // resumed in between: the resume did not see it parked
            }
            return true;
        }
        return false;
    }

    /** Runs a deletion; returns true if the message stays scheduled (the deletion failed and it is retried). */
    private boolean delete(String queueId, Deletion deletion) {
        try {
            Optional<SpoolMetadata> stored = spool.read(queueId);
            if (stored.isEmpty()) {
                scheduled.remove(queueId);
                deletion.result().complete(false);
                return false;
            }
            // Like a finished message: its events must be durable before its spool entry goes.
            deletion.beforeDelete().apply(stored.get()).get(EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // by listing: a re-check may have committed an entry with new variants since the read above
            spool.delete(queueId);
            held.remove(queueId);
            log.info("{}: deleted from the queue by an administrator", queueId);
            // Unscheduled before the caller hears "done", so that nobody sees it deleted yet scheduled.
            scheduled.remove(queueId);
            deletion.result().complete(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deletion.result().completeExceptionally(e);
            return false;
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("{}: deletion failed; the message stays queued", queueId, e);
            deletion.result().completeExceptionally(e);
            if (running) {
                enqueue(queueId, clock.instant().plus(errorRetry));
                return true;
            }
            return false;
        }
    }

    /**
     * Holds a message: it is not attempted until {@link #release}d. An attempt already running
     * finishes. Returns false if it was held already.
     */
    public boolean hold(String queueId) {
        return held.add(queueId);
    }

    /** Releases a held message and schedules it at once. Returns false if it was not held. */
    public boolean release(String queueId) {
        boolean released = held.remove(queueId);
        if (released) {
            flush(queueId);
        }
        return released;
    }

    /** Whether the message is held. */
    public boolean isHeld(String queueId) {
        return held.contains(queueId);
    }

    /**
     * Attempts a message now instead of at its scheduled time (if sending is paused, as soon as it
     * resumes). No effect on a held message, or on one whose attempt is running.
     */
    public void flush(String queueId) {
        if (!running) {
            return;
        }
        ScheduledFuture<?> waiting = timers.remove(queueId);
        if (waiting != null && waiting.cancel(false)) {
            enqueue(queueId, clock.instant());
        } else if (waiting == null || waiting.isDone()) {
            // no timer, or one that already fired: schedule anew unless an attempt is on its way
            schedule(queueId, clock.instant());
        }
    }

    /**
     * Deletes a message from the spool on the thread that owns it, after {@code beforeDelete}'s
     * future (the caller's events) completes. Completes with true when deleted, false when the
     * message was not (or no longer) in the spool, exceptionally if the events or the deletion
     * failed (the message then stays). Works on held messages and while sending is paused.
     */
    public CompletableFuture<Boolean> deleteQueued(String queueId,
            Function<SpoolMetadata, CompletableFuture<?>> beforeDelete) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (!running) {
            result.complete(false);
            return result;
        }
        Deletion previous = deletions.put(queueId, new Deletion(beforeDelete, result));
        if (previous != null) {
            previous.result().complete(false); // superseded by this request
        }
        if (parked.remove(queueId)) {
            enqueue(queueId, clock.instant());
        } else {
            flush(queueId);
        }
        return result;
    }

    /** The messages this node holds: scheduled, running, parked or held. A snapshot. */
    public Set<String> queueIds() {
        Set<String> ids = new HashSet<>(scheduled);
        ids.addAll(held);
        return ids;
    }

    /** Stops starting delivery attempts; running attempts finish. Messages wait until {@link #resumeSending}. */
    public void pauseSending() {
        sendingPaused = true;
    }

    /** Starts delivering again: every message whose turn came during the pause is attempted now. */
    public void resumeSending() {
        sendingPaused = false;
        for (String queueId : Set.copyOf(parked)) {
            if (parked.remove(queueId) && running) {
                enqueue(queueId, clock.instant());
            }
        }
    }

    /** Whether sending is paused. */
    public boolean isSendingPaused() {
        return sendingPaused;
    }
}
