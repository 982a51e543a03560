package io.bulwark.gateway;

import io.bulwark.gateway.backup.BackupSink;
import io.bulwark.gateway.backup.StoreBackupSink;
import io.bulwark.gateway.delivery.Bouncer;
import io.bulwark.gateway.delivery.CalloutProbe;
import io.bulwark.gateway.delivery.DeliveryAgent;
import io.bulwark.gateway.delivery.OutboundSigner;
import io.bulwark.gateway.delivery.DeliveryScheduler;
import io.bulwark.gateway.delivery.OutboundTls;
import io.bulwark.gateway.delivery.SmtpClient;
import io.bulwark.gateway.dns.DnsResolver;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.flow.InFlowControl;
import io.bulwark.gateway.intake.ClientNames;
import io.bulwark.gateway.intake.Intake;
import io.bulwark.gateway.intake.IntakeSettings;
import io.bulwark.gateway.intake.Judging;
import io.bulwark.gateway.intake.RecipientAdmission;
import io.bulwark.gateway.policy.DataPhaseProcessor;
import io.bulwark.gateway.policy.GatewayPolicy;
import io.bulwark.gateway.policy.MessageTransformer;
import io.bulwark.gateway.policy.RemovalNoticeTemplate;
import io.bulwark.gateway.routing.RecipientVerifier;
import io.bulwark.gateway.routing.RelayPolicy;
import io.bulwark.gateway.routing.LiveRouting;
import io.bulwark.gateway.settings.LiveSettings;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.TokenStore;
import io.bulwark.scan.antispam.dnsbl.ListZone;
import io.bulwark.scan.antispam.dnsbl.LiveZones;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.gateway.scan.BuiltInChecks;
import io.bulwark.scan.Check;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.archive.ArchiveLimits;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.headers.HeaderStage;
import io.bulwark.scan.pipeline.CheckPipeline;
import io.bulwark.gateway.smtp.InboundTlsPolicy;
import io.bulwark.gateway.smtp.SessionSettings;
import io.bulwark.gateway.smtp.MailIntake;
import io.bulwark.gateway.smtp.SmtpServerLifecycle;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.tls.FileTlsMaterialSource;
import io.bulwark.gateway.tls.Pem;
import io.bulwark.gateway.tls.SelfSignedTlsMaterialSource;
import io.bulwark.gateway.tls.ServerTls;
import io.bulwark.gateway.tls.TlsMaterialSource;
import io.bulwark.store.EventAppender;
import io.bulwark.store.backup.BackupStore;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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
 * is switched off on a gateway node its queue still drains. The listener's {@link ServerTls}
 * exists unless {@code bulwark.smtp.tls=off}; it is the hook for certificate changes at run time.
 *
 * <p>Bound port for tests: {@code context.getBean(SmtpServerLifecycle.class).getPort()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@org.springframework.context.annotation.Import({io.bulwark.gateway.dkim.DkimSigningConfiguration.class,
        io.bulwark.gateway.licence.LicenceGateConfiguration.class,
        io.bulwark.gateway.quarantine.SpamQuarantineConfiguration.class})
public class GatewayConfiguration {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    QueueIdGenerator bulwarkQueueIdGenerator(GatewayProperties properties) {
        return new QueueIdGenerator(properties.nodeId(), Clock.systemUTC());
    }

    @Bean
    Spool bulwarkSpool(GatewayProperties properties) throws IOException {
        return new Spool(properties.dataDir().resolve("spool"));
    }

    /**
     * The routing in force: the console's recorded settings once there are any (fed into
     * {@link GatewayPolicy} by its tracking processor), else {@code bulwark.routing.*}. Built from
     * the properties here first, so a bad property still stops the start-up.
     */
    @Bean
    LiveRouting bulwarkLiveRouting(GatewayProperties properties, GatewayPolicy policy, LiveSettings settings) {
        GatewayProperties.Routing routing = properties.routing();
        RoutingSettings start = new RoutingSettings(routing.relayDomains(), routing.mynetworks(), routing.relayhost(),
                routing.transportMap(), routing.verifyRecipients());
        return new LiveRouting(start, policy::routing, properties.delivery().defaultPort(), settings::outboundTls);
    }

    /**
     * The TLS policy, MTA limits, module switches and DNS in force: the console's recorded settings
     * once there are any (fed into {@link GatewayPolicy}), else the properties, which are checked here
     * at start-up as before.
     */
    @Bean
    LiveSettings bulwarkLiveSettings(GatewayProperties properties, GatewayPolicy policy,
            ObjectProvider<ServerTls> tls) {
        GatewayProperties.Smtp smtp = properties.smtp();
        SessionSettings session = new SessionSettings(smtp.hostname(), smtp.maxMessageSize().toBytes(),
                smtp.maxRecipients(), smtp.maxConnections(), smtp.maxConnectionsPerClient(),
                smtp.maxMessagesPerConnection(), smtp.commandTimeout(), smtp.dataTimeout(), smtp.softErrorLimit(),
                smtp.hardErrorLimit(), smtp.errorSleepTime(), smtp.lineLengthLimit(), smtp.bareNewline(),
                smtp.tls(), smtp.tlsClientAuth() == GatewayProperties.ClientAuth.WANT, smtp.slowClients());
        LiveSettings.Start start = new LiveSettings.Start(session,
                new LiveRouting.OutboundTlsPolicies(properties.routing().tlsPolicy(), properties.delivery().tls()),
                new io.bulwark.events.settings.DnsServerSettings(properties.dns().servers(),
                        properties.dns().timeout().toMillis()));
        boolean tlsAvailable = smtp.enabled() && smtp.tls() != InboundTlsPolicy.OFF && tls.getIfAvailable() != null;
        return new LiveSettings(start, policy::recorded, tlsAvailable);
    }

    @Bean
    DnsResolver bulwarkDnsResolver(LiveSettings settings) {
        return new DnsResolver(settings::dnsSettings);
    }

    @Bean
    MessageEventPublisher bulwarkMessageEventPublisher(EventAppender appender,
            ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        io.micrometer.core.instrument.MeterRegistry meters = registry.getIfAvailable();
        return new MessageEventPublisher(meters == null ? appender
                : new io.bulwark.gateway.metrics.MeteredEventAppender(appender, meters));
    }

    /** {@code /actuator/health}: the SMTP listener (only where this node listens). */
    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    org.springframework.boot.actuate.health.HealthIndicator smtpHealthIndicator(ObjectProvider<SmtpServerLifecycle> smtp) {
        return () -> io.bulwark.gateway.metrics.GatewayHealth.smtpListener(smtp.getObject()).health();
    }

    /** {@code /actuator/health}: room on the spool's disk ({@code bulwark.spool.min-free}, default 256 MB). */
    @Bean
    org.springframework.boot.actuate.health.HealthIndicator spoolHealthIndicator(Spool spool,
            @org.springframework.beans.factory.annotation.Value("${bulwark.spool.min-free:256MB}")
            org.springframework.util.unit.DataSize minFree) {
        return io.bulwark.gateway.metrics.GatewayHealth.spoolDisk(spool, minFree.toBytes());
    }

    /** {@code bulwark_smtp_sessions_open}: sessions served or being refused right now (bound by the actuator). */
    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    io.micrometer.core.instrument.binder.MeterBinder bulwarkSmtpSessionsGauge(ObjectProvider<SmtpServerLifecycle> smtp) {
        return meters -> io.micrometer.core.instrument.Gauge.builder("bulwark.smtp.sessions.open",
                () -> smtp.getObject().openSessions()).description("Open SMTP sessions").register(meters);
    }

    /**
     * Intake flow control's meters: {@code bulwark_delivery_backlog} (attempts due and waiting for a
     * delivery slot), {@code bulwark_intake_messages} (messages in intake, past the gate),
     * {@code bulwark_intake_paced_total{outcome}} (messages that waited until delivery made room, or
     * until the in-flow delay passed with nothing moving).
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder bulwarkInFlowMeters(InFlowControl inFlow) {
        return meters -> {
            io.micrometer.core.instrument.Gauge.builder("bulwark.delivery.backlog", inFlow::backlog)
                    .description("Delivery attempts due and waiting for a delivery slot").register(meters);
            io.micrometer.core.instrument.Gauge.builder("bulwark.intake.messages", inFlow::inIntake)
                    .description("Messages whose DATA passed the in-flow gate and whose intake has not ended")
                    .register(meters);
            io.micrometer.core.instrument.FunctionCounter.builder("bulwark.intake.paced", inFlow,
                    InFlowControl::waited).tag("outcome", "room")
                    .description("Messages paused until delivery made room").register(meters);
            io.micrometer.core.instrument.FunctionCounter.builder("bulwark.intake.paced", inFlow,
                    InFlowControl::timedOut).tag("outcome", "delay")
                    .description("Messages paused until the in-flow delay passed with nothing moving").register(meters);
        };
    }

    @Bean
    Bouncer bulwarkBouncer(Spool spool, QueueIdGenerator queueIds, MessageEventPublisher events,
            GatewayProperties properties) {
        return new Bouncer(spool, queueIds, events, properties.smtp().hostname(), properties.nodeId());
    }

    @Bean
    OutboundTls bulwarkOutboundTls(GatewayProperties properties) throws IOException, GeneralSecurityException {
        GatewayProperties.Delivery d = properties.delivery();
        String password = d.tlsTrustStorePassword();
        return new OutboundTls(d.tlsTrustStore() == null ? null : Pem.readTrustStore(d.tlsTrustStore(),
                password == null ? new char[0] : password.toCharArray()), properties.tls().protocols());
    }

    @Bean
    SmtpClient bulwarkSmtpClient(OutboundTls tls, GatewayProperties properties) {
        GatewayProperties.Delivery d = properties.delivery();
        return new SmtpClient(properties.smtp().hostname(), d.connectTimeout(), d.commandTimeout(), d.dataTimeout(),
                tls, d.connectionCacheTime(), d.connectionReuseLimit(), Clock.systemUTC());
    }

    @Bean
    DeliveryAgent bulwarkDeliveryAgent(Spool spool, LiveRouting routing, DnsResolver dns, SmtpClient client,
            Bouncer bouncer, MessageEventPublisher events, GatewayProperties properties,
            ObjectProvider<OutboundSigner> signer) {
        GatewayProperties.Delivery d = properties.delivery();
        return new DeliveryAgent(spool, routing::router, dns, client, bouncer, events, d.retryInitial(), d.retryMax(),
                d.maxQueueLifetime(), d.delayWarningTime(), d.destinationConcurrencyLimit(), Clock.systemUTC(),
                signer.getIfAvailable(() -> OutboundSigner.NONE));
    }

    /** Intake flow control: delivery reports its backlog, the DATA phase pauses while it is too long. */
    @Bean
    InFlowControl bulwarkInFlowControl(GatewayProperties properties) {
        return new InFlowControl(properties.smtp().inFlowBacklog(), properties.smtp().inFlowDelay());
    }

    @Bean
    DeliveryScheduler bulwarkDeliveryScheduler(Spool spool, DeliveryAgent agent, MessageEventPublisher events,
            GatewayProperties properties, InFlowControl inFlow) {
        return new DeliveryScheduler(spool, agent, events, properties.delivery().concurrency(),
                properties.delivery().retryInitial(), Clock.systemUTC(), inFlow);
    }

    /**
     * Verification of recipients at RCPT time for the relay domains the routing names (none by
     * default: then no probe is ever made). Always present, since the console may name a domain later.
     */
    @Bean
    RecipientVerifier bulwarkRecipientVerifier(LiveRouting routing, DnsResolver dns, OutboundTls tls,
            GatewayProperties properties) {
        GatewayProperties.Routing r = properties.routing();
        // Its own client: short timeouts, and no cached connection is ever shared with a probe.
        SmtpClient probeClient = new SmtpClient(properties.smtp().hostname(), r.verifyTimeout(), r.verifyTimeout(),
                r.verifyTimeout(), tls, Duration.ZERO, 1, Clock.systemUTC());
        return new RecipientVerifier(routing::verifyRecipients, new CalloutProbe(routing::router, dns, probeClient),
                r.verifyPositiveTtl(), r.verifyNegativeTtl(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnExpression("${bulwark.smtp.enabled:true} and '${bulwark.smtp.tls:offered}' != 'off'")
    ServerTls bulwarkServerTls(GatewayProperties properties) throws IOException, GeneralSecurityException {
        GatewayProperties.Tls tls = properties.tls();
        TlsMaterialSource source;
        if (tls.keystore() != null) {
            source = FileTlsMaterialSource.keystore(tls.keystore(), tls.keystorePassword());
        } else if (tls.certificateFile() != null) {
            source = FileTlsMaterialSource.pem(tls.certificateFile(), tls.keyFile(), tls.keyPassword());
        } else {
            source = new SelfSignedTlsMaterialSource(properties.dataDir().resolve("tls"),
                    List.of(properties.smtp().hostname()), Clock.systemUTC());
        }
        return new ServerTls(source, tls.protocols(), tls.cipherSuites(), tls.reloadCheckInterval());
    }

    /** The rules and lists this node judges mail by; fed by {@code policy.tracking} where there is an event store. */
    @Bean
    GatewayPolicy bulwarkGatewayPolicy() {
        return new GatewayPolicy();
    }

    /**
     * The archive walker every anti-virus and content check shares (one per node). Its walk time
     * limit is nine tenths of the anti-virus module's time limit (180 s unless configured), so
     * that a slow archive ends as NOT_SCANNED with "time limit" in the reasons before the
     * pipeline stops the check as timed out (ERROR) without saying which object was slow.
     */
    @Bean
    ArchiveWalker bulwarkArchiveWalker(GatewayProperties properties) {
        GatewayProperties.Scan scan = properties.scan();
        java.time.Duration module = scan.moduleTimeLimits().getOrDefault(
                io.bulwark.events.scan.ProtectionModule.ANTI_VIRUS, ArchiveLimits.DEFAULT_MAX_TIME);
        java.time.Duration walk = module.multipliedBy(9).dividedBy(10);
        return new StreamingArchiveWalker(new ArchiveLimits(scan.maxArchiveDepth(), scan.maxArchiveSize().toBytes(),
                scan.maxArchiveRatio(), scan.maxArchiveEntries(), ArchiveLimits.defaults().ratioFloorBytes(),
                walk.isZero() ? module : walk), mimeLimits(scan));
    }

    /**
     * The node's DNS service (scan module) for the checks, one budget per message, and for the
     * envelope's client name: {@code bulwark.dns.servers} and {@code bulwark.dns.timeout} as for
     * delivery, one cache per node; after a change of the DNS settings in the console, those (a new
     * resolver and cache for the next question).
     */
    @Bean
    DnsLookup bulwarkScanDnsLookup(LiveSettings settings) {
        return io.bulwark.scan.dns.LiveDnsLookup.create(settings::dnsSettings);
    }

    @Bean
    ScanServices bulwarkScanServices(ArchiveWalker walker, DnsLookup dns, GatewayProperties properties,
            LiveRouting routing) {
        int budget = properties.scan().dnsQueryBudget();
        return ScanServices.builder()
                .add(ArchiveWalker.class, walker)
                .add(PublicSuffixList.class, PublicSuffixList.bundled())
                .perMessage(TrustedNetworks.class, routing::trustedNetworks)
                .perMessage(DnsLookup.class, () -> dns.remembering().withBudget(budget))
                .build();
    }

    /**
     * The installed checks: the built-in ones plus any {@link Check} bean (an engine module, a test),
     * with their symbols' weights from {@code bulwark.scan.symbols.<NAME>.weight} and the
     * per-module time limits. A weight for an unknown symbol, a duplicate name or a dependency
     * cycle stops the start-up here, naming it.
     */
    /**
     * The anti-virus engines of {@code bulwark.antivirus.*}: the signature directory is loaded here,
     * at start, and watched until shutdown; clamd sessions are closed at shutdown.
     */
    @Bean(destroyMethod = "close")
    io.bulwark.gateway.scan.AntivirusEngines bulwarkAntivirusEngines(GatewayProperties properties) {
        return io.bulwark.gateway.scan.AntivirusEngines.of(properties.antivirus());
    }

    @Bean(destroyMethod = "close")
    CheckPipeline bulwarkCheckPipeline(ObjectProvider<Check> extraChecks, ScanServices services,
            GatewayProperties properties, io.bulwark.gateway.scan.AntivirusEngines antivirus, TokenStore tokens,
            GatewayPolicy policy) {
        GatewayProperties.Antispam antispam = properties.antispam();
        // the properties' lists until the custom DNS lists have events; then the events' (docs/antispam.md)
        LiveZones lists = new LiveZones(zones(antispam.dnsbl()), zones(antispam.uribl()));
        policy.onDnsLists(view -> io.bulwark.gateway.scan.DnsListZones.apply(view, lists));
        List<Check> checks = new java.util.ArrayList<>(BuiltInChecks.all(properties.scan().authservId(),
                properties.senderauth().trustedArcSealers(), properties.routing().relayDomains(),
                properties.antiphishing(), antivirus, new BuiltInChecks.AntiSpam(List.of(),
                        List.of(), tokens, antispam.bayesMinMessages(), antispam.senderAuthSymbols(), lists)));
        extraChecks.orderedStream().forEach(checks::add);
        GatewayProperties.Scan scan = properties.scan();
        SymbolRegistry symbols = SymbolRegistry.of(checks, scan.symbolWeights());
        CheckPipeline pipeline = new CheckPipeline(checks, symbols, scan.moduleTimeLimits(), services, scan.prefetch());
        warmUp(pipeline);
        return pipeline;
    }

    /**
     * Loads every check's libraries on a platform thread before the SMTP listener opens (why:
     * {@link CheckPipeline#warmUp}); a check that fails on the sample is logged, since it will
     * fail on mail too.
     */
    private static void warmUp(CheckPipeline pipeline) {
        long started = System.nanoTime();
        List<io.bulwark.scan.pipeline.CheckRun> runs = pipeline.warmUp(java.time.Duration.ofSeconds(60));
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (runs.size() < pipeline.checks().size()) {
            LOG.warn("scan warm-up: {} of {} checks finished within 60 s; the rest load on first use",
                    runs.size(), pipeline.checks().size());
        } else {
            LOG.info("scan warm-up: {} checks loaded in {} ms", runs.size(), millis);
        }
        runs.stream().filter(r -> r.result().outcome() == io.bulwark.events.scan.CheckOutcomeKind.FAILED)
                .forEach(r -> LOG.warn("scan warm-up: check {} failed on the sample message: {}",
                        r.check().name(), r.result().reason()));
    }

    /**
     * The Bayes token statistics of this node: in memory, empty at start, fed from the training events
     * by {@code antispam.BayesTokensProjection} where there is an event store (ADR 0017). Until enough
     * marks arrived ({@code bulwark.antispam.bayes-min-messages}) Bayes stays out of the rating.
     */
    @Bean
    InMemoryTokenStore bulwarkBayesTokens() {
        return new InMemoryTokenStore();
    }

    private static List<ListZone> zones(List<GatewayProperties.Zone> zones) {
        return zones.stream().map(z -> new ListZone(z.symbol(), z.zone(), z.codes(), z.weight(), z.blacklist(), z.deep()))
                .toList();
    }

    @Bean
    HeaderStage bulwarkHeaderStage(GatewayProperties properties) {
        GatewayProperties.SclHeader scl = properties.antispam().sclHeader();
        return new HeaderStage(properties.scan().authservId(), scl.enabled() ? scl.name() : null);
    }

    @Bean
    DataPhaseProcessor bulwarkDataPhaseProcessor(CheckPipeline pipeline, HeaderStage headers, GatewayPolicy policy,
            GatewayProperties properties, io.bulwark.scan.licence.LicenceGate licence, LiveSettings settings) {
        GatewayProperties.Scan scan = properties.scan();
        MimeLimits limits = mimeLimits(scan);
        return new DataPhaseProcessor(pipeline, new MessageViewParser(limits),
                new MessageTransformer(new RemovalNoticeTemplate(scan.attachmentRemovedTemplate()), limits),
                headers, policy::snapshot, licence, settings::switchedOff);
    }

    private static MimeLimits mimeLimits(GatewayProperties.Scan scan) {
        return new MimeLimits(scan.maxParts(), scan.maxDepth(), scan.maxDecodedSize().toBytes(),
                MimeLimits.defaults().maxHeaderFields());
    }

    /**
     * Backup copies go to the store's Backup; without a store (not a real deployment) a rule that
     * asks for a copy makes DATA fail temporarily rather than lose the copy.
     */
    @Bean
    BackupSink bulwarkBackupSink(ObjectProvider<BackupStore> store, EventAppender appender) {
        BackupStore backupStore = store.getIfAvailable();
        return backupStore == null ? BackupSink.unavailable() : new StoreBackupSink(backupStore, appender);
    }

    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    MailIntake bulwarkMailIntake(Spool spool, QueueIdGenerator queueIds, LiveRouting routing,
            ObjectProvider<RecipientVerifier> verifier, MessageEventPublisher events, DeliveryScheduler scheduler,
            DataPhaseProcessor processor, GatewayPolicy policy, ObjectProvider<BackupSink> backup, DnsLookup dns,
            GatewayProperties properties, ObjectProvider<io.bulwark.gateway.quarantine.SpamQuarantine> quarantine,
            InFlowControl inFlow) {
        GatewayProperties.Smtp smtp = properties.smtp();
        IntakeSettings settings = new IntakeSettings(smtp.hostname(), properties.nodeId(),
                smtp.maxMessageSize().toBytes(), smtp.hopCountLimit(), properties.policy().dataWait(),
                Clock.systemUTC(), smtp.judgingMemoryBytes(), smtp.judgingWait(), smtp.judgingSlots());
        RecipientAdmission admission = new RecipientAdmission(routing::relayPolicy, Optional.ofNullable(verifier.getIfAvailable()),
                smtp.hostname(), postmaster(properties));
        // ObjectProvider: a test context may add a @Primary sink beside ours
        Judging judging = new Judging(Judging.Processor.of(processor), policy, backup.getObject(),
                quarantine.getIfAvailable());
        return new Intake(queueIds, admission, judging, new ClientNames(dns, properties.dns().timeout()),
                new Intake.Durability(spool, events, scheduler, inFlow), settings);
    }

    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    SmtpServerLifecycle bulwarkSmtpServer(MailIntake intake, ObjectProvider<ServerTls> tls,
            GatewayProperties properties, LiveSettings settings) {
        GatewayProperties.Smtp smtp = properties.smtp();
        ServerTls serverTls = smtp.tls() == InboundTlsPolicy.OFF ? null : tls.getIfAvailable();
        return new SmtpServerLifecycle(intake, serverTls, settings::session, smtp.bareNewlineExclusions(),
                smtp.bindAddress(), smtp.port());
    }

    /**
     * Publishes the SMTP listener's bound port as {@code local.smtp.port} once the application has
     * started (Spring Boot does the same for the web server's {@code local.server.port}), so parts
     * that submit mail to this node, such as the report mailer, find it when the configured port is
     * 0 (tests, several nodes on one machine).
     */
    @Bean
    @ConditionalOnProperty(name = "bulwark.smtp.enabled", havingValue = "true", matchIfMissing = true)
    org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationStartedEvent>
            bulwarkSmtpPortPublisher(SmtpServerLifecycle smtp, org.springframework.core.env.ConfigurableEnvironment environment) {
        return started -> environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                "bulwark.smtp.ports", java.util.Map.of("local.smtp.port", smtp.getPort())));
    }

    /** RFC 5321 4.5.1's postmaster: the configured address, else postmaster at the first relay domain. */
    static String postmaster(GatewayProperties properties) {
        String configured = properties.routing().postmaster();
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Optional<String> domain = properties.routing().relayDomains().stream().findFirst();
        return "postmaster@" + domain.map(RelayPolicy::normaliseDomain).orElse(properties.smtp().hostname());
    }
}
