package io.bulwark.gateway;

import io.bulwark.gateway.delivery.Bouncer;
import io.bulwark.gateway.delivery.DeliveryAgent;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.delivery.SmtpClient;
import io.bulwark.gateway.dns.DnsResolver;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.routing.RelayPolicy;
import io.bulwark.gateway.routing.Router;
import io.bulwark.gateway.smtp.SmtpReceiver;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.store.EventAppender;
import java.io.IOException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the gateway's mail spine: SMTP listener → spool → delivery scheduler. Picked up by the
 * application's component scan of {@code io.bulwark}; everything is configured by
 * {@link GatewayProperties}. The only bean required from elsewhere is the store's
 * {@link EventAppender}.
 *
 * <p>{@code bulwark.smtp.enabled=false} leaves out the listener (an admin-only node). The
 * delivery scheduler always runs: on such a node the spool is normally empty, and when a listener
 * is switched off on a gateway node its queue still drains.
 *
 * <p>Bound port for tests: {@code context.getBean(SmtpServerLifecycle.class).getPort()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    @Bean
    QueueIdGenerator bulwarkQueueIdGenerator(GatewayProperties properties) {
        return new QueueIdGenerator(properties.nodeId(), Clock.systemUTC());
    }

    @Bean
    Spool bulwarkSpool(GatewayProperties properties) throws IOException {
        return new Spool(properties.dataDir().resolve("spool"));
    }

    @Bean
    RelayPolicy bulwarkRelayPolicy(GatewayProperties properties) {
        return new RelayPolicy(properties.routing().relayDomains(), properties.routing().mynetworks());
    }

    @Bean
    Router bulwarkRouter(GatewayProperties properties) {
        return new Router(properties.routing().transportMap(), properties.routing().relayhost(),
                properties.delivery().defaultPort());
    }

    @Bean
    DnsResolver bulwarkDnsResolver(GatewayProperties properties) {
        return new DnsResolver(properties.dns().servers(), properties.dns().timeout());
    }

    @Bean
    MessageEventPublisher bulwarkMessageEventPublisher(EventAppender appender) {
        return new MessageEventPublisher(appender);
    }

    @Bean
    Bouncer bulwarkBouncer(Spool spool, QueueIdGenerator queueIds, MessageEventPublisher events,
            GatewayProperties properties) {
        return new Bouncer(spool, queueIds, events, properties.smtp().hostname(), properties.nodeId());
    }

    @Bean
    DeliveryAgent bulwarkDeliveryAgent(Spool spool, Router router, DnsResolver dns, Bouncer bouncer,
            MessageEventPublisher events, GatewayProperties properties) {
        GatewayProperties.Delivery d = properties.delivery();
        SmtpClient client = new SmtpClient(properties.smtp().hostname(), d.connectTimeout(), d.commandTimeout(),
                d.dataTimeout());
        return new DeliveryAgent(spool, router, dns, client, bouncer, events, d.retryInitial(), d.retryMax(),
                d.maxQueueLifetime(), Clock.systemUTC());
    }

    @Bean
    DeliveryScheduler bulwarkDeliveryScheduler(Spool spool, DeliveryAgent agent, MessageEventPublisher events,
            GatewayProperties properties) {
        return new DeliveryScheduler(spool, agent, events, properties.delivery().concurrency(),
                properties.delivery().retryInitial(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    SmtpReceiver bulwarkSmtpReceiver(Spool spool, QueueIdGenerator queueIds, RelayPolicy relayPolicy,
            MessageEventPublisher events, DeliveryScheduler scheduler, GatewayProperties properties) {
        return new SmtpReceiver(spool, queueIds, relayPolicy, events, scheduler, properties.smtp().hostname(),
                properties.nodeId(), properties.smtp().maxMessageSize().toBytes(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    SmtpServerLifecycle bulwarkSmtpServer(SmtpReceiver receiver, GatewayProperties properties) {
        return new SmtpServerLifecycle(receiver, properties.smtp().hostname(), properties.smtp().bindAddress(),
                properties.smtp().port());
    }
}
