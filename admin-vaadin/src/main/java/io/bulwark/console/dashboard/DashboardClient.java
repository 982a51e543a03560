package io.bulwark.console.dashboard;

import io.bulwark.console.antivirus.AntivirusClient;
import io.bulwark.console.queue.QueueClient;
import io.bulwark.console.rule.RulesClient;
import io.bulwark.console.tls.CertificatesClient;
import io.bulwark.console.tracking.MessageTrackingClient;
import io.bulwark.events.query.FindMessagesQuery;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The dashboard's one read: asks the other areas' clients (rules, anti-virus databases, message
 * tracking, queue, nodes, certificates) and folds their answers into a {@link DashboardSnapshot}.
 * Every role may read it. Stateless and thread-safe.
 */
@Component
public class DashboardClient {
    /** Messages read per refresh; the tracking projection caps a query at 1000. */
    static final int LIMIT = 1000;

    private final RulesClient rules;
    private final AntivirusClient antivirus;
    private final MessageTrackingClient tracking;
    private final QueueClient queue;
    private final CertificatesClient certificates;

    public DashboardClient(RulesClient rules, AntivirusClient antivirus, MessageTrackingClient tracking,
            QueueClient queue, CertificatesClient certificates) {
        this.rules = rules;
        this.antivirus = antivirus;
        this.tracking = tracking;
        this.queue = queue;
        this.certificates = certificates;
    }

    public DashboardSnapshot snapshot(Instant now) {
        return DashboardSnapshot.of(now, rules.rules(), antivirus.databases(),
                tracking.find(new FindMessagesQuery(null, null, null, now.minus(Duration.ofDays(1)), null, LIMIT)), LIMIT,
                queue.counts(), queue.nodes(), certificates.certificates());
    }
}
