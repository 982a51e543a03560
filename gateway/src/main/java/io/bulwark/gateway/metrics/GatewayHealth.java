package io.bulwark.gateway.metrics;

import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.spool.Spool;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the parts of a gateway node that mail needs, for {@code /actuator/health} and its
 * readiness group: the SMTP listener (bound and accepting) and the spool's disk (room for mail
 * answered 250). Each check is cheap (no I/O beyond one statfs), so an orchestrator may poll often.
 */
public final class GatewayHealth {
    private GatewayHealth() {
    }

    /** UP while the listener runs; DOWN before start, after stop, or when the node was told to stop receiving. */
    public static HealthIndicator smtpListener(SmtpServerLifecycle smtp) {
        return () -> smtp.isRunning()
                ? Health.up().withDetail("port", smtp.getPort()).withDetail("openSessions", smtp.openSessions()).build()
                : Health.down().withDetail("reason", "the SMTP listener is not running").build();
    }

    /**
     * DOWN when the spool's file system has less than {@code minFreeBytes} usable: the node would
     * answer 452 to new mail then (Postfix's queue_minfree idea), and an orchestrator should send
     * mail elsewhere.
     */
    public static HealthIndicator spoolDisk(Spool spool, long minFreeBytes) {
        return () -> {
            try {
                FileStore store = Files.getFileStore(spool.directory());
                long usable = store.getUsableSpace();
                Health.Builder health = usable >= minFreeBytes ? Health.up() : Health.down();
                return health.withDetail("path", spool.directory().toString()).withDetail("usableBytes", usable)
                        .withDetail("minimumBytes", minFreeBytes).build();
            } catch (IOException e) {
                return Health.down(e).build();
            }
        };
    }
}
