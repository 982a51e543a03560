package io.bulwark.admin.history;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.events.history.RotateSealingKeyCommand;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link Sealer} on one daemon thread every {@code bulwark.history.seal-interval}, after the
 * application has started (Axon's processors and buses are up). On the first pass without any
 * history key it has one made through {@link RotateSealingKeyCommand} (actor {@code system}), so
 * even the first key is an event. A failed pass is logged and retried at the next interval; the
 * sealer resumes from the stored head.
 */
public final class HistorySealerRunner implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HistorySealerRunner.class);

    private final Sealer sealer;
    private final SealingKeys keys;
    private final CommandGateway commands;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public HistorySealerRunner(Sealer sealer, SealingKeys keys, CommandGateway commands, Duration interval) {
        this.sealer = sealer;
        this.keys = keys;
        this.commands = commands;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "history-sealer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            if (keys.newest().isEmpty()) {
                String keyId = BusCalls.await(commands.send(new RotateSealingKeyCommand("system", "first history key")),
                        "History keys");
                LOG.info("History signing key {} created", keyId);
            }
            sealer.sealAvailable();
        } catch (RuntimeException e) {
            LOG.warn("History sealing pass failed; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
