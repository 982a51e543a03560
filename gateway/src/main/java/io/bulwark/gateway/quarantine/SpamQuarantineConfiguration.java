package io.bulwark.gateway.quarantine;

import io.bulwark.gateway.GatewayProperties;
import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.intake.ClientNames;
import io.bulwark.gateway.intake.Judging;
import io.bulwark.gateway.intake.Rejudging;
import io.bulwark.gateway.policy.DataPhaseProcessor;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.store.EventAppender;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the node's Anti-Spam Quarantine (imported by the gateway configuration, so every node with
 * a spool restores its holds before delivery starts, whether or not it listens for SMTP).
 */
@Configuration(proxyBeanMethods = false)
public class SpamQuarantineConfiguration {

    @Bean(destroyMethod = "close")
    SpamQuarantine bulwarkSpamQuarantine(GatewayProperties properties, Spool spool, DeliveryScheduler scheduler,
            DataPhaseProcessor processor, GatewayPolicy policy, ObjectProvider<BackupSink> backup, DnsLookup dns,
            EventAppender appender) throws IOException {
        GatewayProperties.Quarantine q = properties.antispam().quarantine();
        // the re-check judges like the intake, minus the hold gate: a re-checked message is never held again
        Judging judging = new Judging(processor::process, policy, backup.getObject());
        return new SpamQuarantine(properties.nodeId(), spool, scheduler,
                new Rejudging(spool, judging, Clock.systemUTC(), properties.policy().dataWait()),
                new ClientNames(dns, properties.dns().timeout()), appender,
                properties.dataDir().resolve("spam-quarantine"),
                new SpamQuarantine.Settings(q.recheckDelay(), q.maxHoldTime(), q.maxMessages(), q.maxSize().toBytes()),
                Clock.systemUTC());
    }
}
