package io.bulwark.admin.report;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.support.ProjectionProcessors;
import io.bulwark.admin.audit.AuditFacts;
import io.bulwark.admin.audit.AuditMappings;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import io.bulwark.events.report.ReportScheduleChangedEvent;
import java.time.Clock;
import java.util.Map;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * Wires the reports: the counters' and the list's batched tracking processors, the mailer's
 * processor (starting at the head of the stream), the reader, the administration service and the
 * scheduler (started once the context is up, when {@code bulwark.reports.scheduler-enabled}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportProperties.class)
public class ReportConfiguration {
    /** How often the scheduler looks for due reports. */
    static final Duration SCHEDULER_PERIOD = Duration.ofMinutes(1);

    @Bean
    public ReportCounters reportCounters(MongoDatabase database) {
        return new ReportCounters(database);
    }

    @Bean
    public ReportAdministration reportAdministration(CommandGateway commands, QueryGateway queries,
            ReportCounters counters) {
        return new ReportAdministration(commands, queries, counters);
    }

    @Bean
    public ReportMailer reportMailer(ReportCounters counters, CommandGateway commands, ReportProperties properties,
            org.springframework.core.env.Environment environment) {
        ReportProperties.Mail mail = properties.mail();
        // 0: this node's own listener; its bound port (local.smtp.port, published by the gateway once
        // started) when bulwark.smtp.port is 0, read at sending time
        java.util.function.IntSupplier port = mail.port() != 0 ? mail::port : () -> {
            int configured = environment.getProperty("bulwark.smtp.port", Integer.class, 2525);
            return configured != 0 ? configured : environment.getProperty("local.smtp.port", Integer.class, 0);
        };
        return new ReportMailer(counters, commands, mail.host(), port, mail.from());
    }

    @Bean(destroyMethod = "close")
    public ReportScheduler reportScheduler(CommandGateway commands, QueryGateway queries) {
        return new ReportScheduler(commands, queries, Clock.systemUTC());
    }

    /** Starts the scheduler once the context (and Axon) is up. */
    @Bean
    public SchedulerStarter reportSchedulerStarter(ReportScheduler scheduler, ReportProperties properties) {
        return new SchedulerStarter(scheduler, properties.schedulerEnabled());
    }

    /** Starts the scheduler on the first context refresh. */
    public static final class SchedulerStarter {
        private final ReportScheduler scheduler;
        private final boolean enabled;

        SchedulerStarter(ReportScheduler scheduler, boolean enabled) {
            this.scheduler = scheduler;
            this.enabled = enabled;
        }

        @EventListener(ContextRefreshedEvent.class)
        public void start() {
            if (enabled) {
                scheduler.start(SCHEDULER_PERIOD);
            }
        }
    }

    /** Report creation, deletion and schedule changes in the audit log (the schedule as old -> new). */
    @Bean
    public AuditMappings reportAuditMappings() {
        return catalog -> catalog
                .map(ReportCreatedEvent.class, "Report", "ReportCreated", e -> AuditFacts.by(e.actor())
                        .on("report", e.reportId(), e.fileName()).says("Created {object}"))
                .map(ReportDeletedEvent.class, "Report", "ReportDeleted", e -> AuditFacts.by(e.actor())
                        .on("report", e.reportId(), null).removesObject().says("Deleted {object}"))
                .map(ReportScheduleChangedEvent.class, "Report", "ReportScheduleChanged", e -> AuditFacts
                        .by(e.actor()).on("setting", "report-schedule", "report schedule")
                        .settings(Map.of("daily", e.daily(), "weekly", e.weekly(), "monthly", e.monthly()))
                        .says("Changed the {object}"));
    }

    @Bean
    public ConfigurerModule reportProcessors() {
        return configurer -> configurer.eventProcessing(ReportConfiguration::registerProcessors);
    }

    /** The reports' processors (also used by the tests' own Axon configurations). */
    public static EventProcessingConfigurer registerProcessors(EventProcessingConfigurer processing) {
        return processing
                .registerTrackingEventProcessor(ReportCountersProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched())
                .registerTrackingEventProcessor(ReportsProjection.PROCESSING_GROUP, ProjectionProcessors.lingering(),
                        ProjectionProcessors.batched())
                .registerTrackingEventProcessor(ReportMailer.PROCESSING_GROUP, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
