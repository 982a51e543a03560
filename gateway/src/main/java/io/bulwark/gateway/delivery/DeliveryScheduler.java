package io.bulwark.gateway.delivery;

import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolListener;
import io.bulwark.gateway.spool.SpoolMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs delivery attempts when they are due: a single timer thread holds the schedule, each due
 * attempt runs on its own virtual thread, and a semaphore bounds how many run at once
 * ({@code bulwark.delivery.concurrency}). A queue id is scheduled at most once at a time, so one
 * message is never handled by two threads.
 *
 * <p>On start it resumes the spool: every committed message is re-announced (received/queued
 * events, idempotent) and scheduled at its persisted next-attempt time. On stop it stops taking
 * work, lets running attempts finish for a grace period, then interrupts them; an interrupted
 * attempt is simply retried by the next start. Starts before and stops after the SMTP listener.
 *
 * <p>Thread-safe.
 */
public final class DeliveryScheduler implements SmartLifecycle, SpoolListener {
    /** Before the SMTP listener's phase: started earlier, stopped later. */
    public static final int PHASE = Integer.MAX_VALUE - 1100;

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Spool spool;
    private final DeliveryAgent agent;
    private final MessageEventPublisher events;
    private final int concurrency;
    private final Duration errorRetry;
    private final Clock clock;
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private Semaphore permits;
    private volatile boolean running;

    public DeliveryScheduler(Spool spool, DeliveryAgent agent, MessageEventPublisher events, int concurrency,
            Duration errorRetry, Clock clock) {
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
        log.info("delivery started: {} message(s) in the spool", scheduled.size());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
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
            timer.schedule(() -> dispatch(queueId), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled.remove(queueId); // stopping: the next start resumes it from the spool
        }
    }

    private void dispatch(String queueId) {
        try {
            workers.execute(() -> run(queueId));
        } catch (RejectedExecutionException e) {
            scheduled.remove(queueId);
        }
    }

    private void run(String queueId) {
        Optional<Instant> next;
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            scheduled.remove(queueId);
            return;
        }
        try {
            DeliveryAgent.AttemptResult result = agent.attempt(queueId);
            next = result.nextRun();
            for (SpoolMetadata generated : result.generated()) {
                schedule(generated.queueId(), generated.nextAttemptAt());
            }
        } catch (IOException | RuntimeException e) {
            log.error("{}: delivery attempt failed; retrying in {}", queueId, errorRetry, e);
            next = Optional.of(clock.instant().plus(errorRetry));
        } finally {
            permits.release();
        }
        if (next.isPresent() && running) {
            enqueue(queueId, next.get());
        } else {
            scheduled.remove(queueId);
        }
    }
}
