package io.bulwark.admin.monitoring;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.queue.QueueAdministration;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.queue.QueueCountsView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.ToLongFunction;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Monitoring of a node (issue "Administration", docs/monitoring.md): the event store's health for
 * {@code /actuator/health}, the queue sizes and the projections' lag as meters, and who may read the
 * actuator.
 *
 * <p>Access: {@code /actuator/health} and its {@code liveness}/{@code readiness} groups answer
 * anonymously with the status only (load balancers and orchestrators probe without credentials);
 * details and {@code /actuator/prometheus} need HTTP Basic of any account (a scraper gets an
 * AUDITOR account). Every other actuator path is not exposed.
 */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    /** {@code eventStore} in {@code /actuator/health}: the store answers a ping. */
    @Bean
    HealthIndicator eventStoreHealthIndicator(MongoDatabase database) {
        return () -> {
            try {
                Document answer = database.runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", database.getName()).withDetail("ok", answer.get("ok")).build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    /**
     * {@code bulwark_queue_messages{queue}}: messages in each queue over every node, as the queue
     * view counts them (one read of the queue projection per queue and scrape).
     */
    @Bean
    MeterBinder bulwarkQueueGauges(ObjectProvider<QueueAdministration> queue) {
        return registry -> {
            gauge(registry, queue, "incoming", QueueCountsView::incoming);
            gauge(registry, queue, "active", QueueCountsView::active);
            gauge(registry, queue, "deferred", QueueCountsView::deferred);
            gauge(registry, queue, "hold", QueueCountsView::hold);
        };
    }

    private static void gauge(io.micrometer.core.instrument.MeterRegistry registry,
            ObjectProvider<QueueAdministration> queue, String name, ToLongFunction<QueueCountsView> count) {
        Gauge.builder("bulwark.queue.messages", () -> {
            try {
                List<QueueCountsView> nodes = queue.getObject().counts();
                return nodes.stream().mapToLong(count).sum();
            } catch (RuntimeException unavailable) {
                return Double.NaN;
            }
        }).description("Messages in a queue over every node").tag("queue", name).register(registry);
    }

    /**
     * {@code bulwark_projection_lag_events{processor}} ({@link ProjectionLag}), registered once the
     * application has started: Axon builds its processors while the context starts, after the
     * meter registry's binders have run.
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> bulwarkProjectionLagMeters(ObjectProvider<MeterRegistry> registry,
            ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EventStore> store) {
        return started -> {
            MeterRegistry meters = registry.getIfAvailable();
            EventProcessingConfiguration processors = processing.getIfAvailable();
            EventStore events = store.getIfAvailable();
            if (meters != null && processors != null && events != null) {
                ProjectionLag.register(meters, processors.eventProcessors().values(), events);
            }
        };
    }

    /** The actuator's chain: before the API's, matching only {@code /actuator/**}. */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
        String[] everyRole = {AdminRole.ADMINISTRATOR.name(), AdminRole.HELPDESK.name(), AdminRole.AUDITOR.name()};
        return http
                .securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(everyRole)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("Bulwark"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .build();
    }
}
