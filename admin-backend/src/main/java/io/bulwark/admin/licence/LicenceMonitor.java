package io.bulwark.admin.licence;

import io.bulwark.events.licence.LicenceIds;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The scheduled licence check: every {@code bulwark.licence.check-interval} (default 1 h; 0 turns it
 * off), after {@code bulwark.licence.check-initial-delay} (default 30 s, so the buses are up), sends
 * the licence check, which raises expiry warnings, expiries, grace periods and renewals as they
 * happen. Every admin node runs one; the aggregate raises each transition once however many ask, and
 * a check that loses the race to another node's (a concurrency conflict on the aggregate) is simply
 * skipped: the other node's check has done the work. One platform thread.
 */
public final class LicenceMonitor implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LicenceMonitor.class);

    private final LicenceAdministration licence;
    private final Duration interval;
    private final Duration initialDelay;
    private ScheduledExecutorService timer;

    public LicenceMonitor(LicenceAdministration licence, Duration interval, Duration initialDelay) {
        this.licence = licence;
        this.interval = interval;
        this.initialDelay = initialDelay;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bulwark-licence-check")
                .daemon(true).factory());
        timer.scheduleWithFixedDelay(this::checkOnce, initialDelay.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One check; failures are logged, never thrown (the next one tries again). */
    void checkOnce() {
        try {
            licence.check(LicenceIds.SYSTEM_ACTOR);
        } catch (RuntimeException e) {
            if (e instanceof ConcurrencyException) { // AggregateStreamCreationException included
                log.debug("Licence check: another node checked at the same moment ({})", e.toString());
            } else {
                log.warn("Licence check failed, next try in {}: {}", interval, e.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        // after Axon's components (which start in lower phases)
        return Integer.MAX_VALUE - 100;
    }
}
