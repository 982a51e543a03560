package io.bulwark.admin.history;

import io.bulwark.admin.support.BusCalls;
import io.bulwark.admin.support.PeriodicTask;
import io.bulwark.events.history.RotateSealingKeyCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Sealer} on the daemon thread {@code history-sealer} every
 * {@code bulwark.history.seal-interval}, after the application has started (Axon's processors and
 * buses are up). On the first pass without any history key it has one made through
 * {@link RotateSealingKeyCommand} (actor {@code system}), so even the first key is an event. A failed
 * pass is logged and retried at the next interval; the sealer resumes from the stored head.
 */
public final class HistorySealerRunner extends PeriodicTask {
    private static final Logger LOG = LoggerFactory.getLogger(HistorySealerRunner.class);

    private final Sealer sealer;
    private final SealingKeys keys;
    private final CommandGateway commands;

    public HistorySealerRunner(Sealer sealer, SealingKeys keys, CommandGateway commands, Duration interval) {
        super("history-sealer", Duration.ZERO, interval);
        this.sealer = sealer;
        this.keys = keys;
        this.commands = commands;
    }

    @Override
    protected void runOnce() {
        if (keys.newest().isEmpty()) {
            String keyId = BusCalls.await(commands.send(new RotateSealingKeyCommand("system", "first history key")),
                    "History keys");
            LOG.info("History signing key {} created", keyId);
        }
        sealer.sealAvailable();
    }
}
