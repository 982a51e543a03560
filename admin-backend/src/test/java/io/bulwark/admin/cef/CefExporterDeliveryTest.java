package io.bulwark.admin.cef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.admin.cef.mapping.StandardCefMappings;
import io.bulwark.admin.cef.syslog.SyslogConnections;
import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportResumedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter's delivery promise against a real TCP receiver on loopback, with the processor wired
 * as in the application ({@link CefExportConfiguration#registerProcessor}): a restart resumes from
 * the stored token (nothing lost, nothing sent twice), and a receiver that goes away holds the
 * records back, raises one failure event, and gets every record once it is back.
 */
class CefExporterDeliveryTest {
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final TokenStore tokens = new InMemoryTokenStore();
    private final List<Object> healthEvents = new CopyOnWriteArrayList<>();
    private final LoopbackSyslogServer receiver = new LoopbackSyslogServer();
    private EmbeddedEventStore writer;
    private Configuration node;

    @BeforeEach
    void setUp() throws Exception {
        receiver.start();
        writer = EmbeddedEventStore.builder().storageEngine(storage).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (node != null) {
            node.shutdown();
        }
        writer.shutDown();
        receiver.close();
    }

    /** A node of the admin backend: the exporter on its tracking processor, over the shared store and tokens. */
    private Configuration startNode() {
        CefExportProperties properties = new CefExportProperties(true, "tcp://127.0.0.1:" + receiver.port(), null,
                null);
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> storage)
                .registerComponent(TokenStore.class, c -> tokens);
        configurer.eventProcessing(processing -> CefExportConfiguration.registerProcessor(processing)
                .registerEventHandler(c -> new CefExporter(StandardCefMappings.table(), new CefFormatter("test"),
                        new CefSettingsSource(c.eventStore(), properties, Clock.systemUTC()),
                        new SyslogConnections(null),
                        new CefExportHealth(healthEvents::add, "node-a", Clock.systemUTC()), "node-a")));
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        // The first token is the head of the stream, taken by the processor's thread: events published
        // before it exists would be (rightly) skipped.
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens.fetchSegments(CefExporter.PROCESSING_GROUP).length > 0
                && axon.eventProcessingConfiguration().eventProcessor(CefExporter.PROCESSING_GROUP,
                        org.axonframework.eventhandling.TrackingEventProcessor.class).orElseThrow()
                        .processingStatus().size() > 0);
        return axon;
    }

    private void publish(int from, int to) {
        for (int i = from; i <= to; i++) {
            writer.publish(GenericEventMessage.asEventMessage(new RuleEnabledEvent("rule-" + i, "admin",
                    Instant.now())));
        }
    }

    private List<String> receivedRuleIds() {
        return receiver.messages().stream()
                .map(m -> StrictCefParser.parse(m.substring(m.indexOf("CEF:"))).extension().get("cs2"))
                .filter(id -> id != null && id.startsWith("rule-")).toList();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "rule-" + i).toList();
    }

    @Test
    void aRestartResumesFromTheStoredTokenWithoutLossOrRepetition() {
        node = startNode();
        publish(1, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> receivedRuleIds().size() == 5);
        node.shutdown();
        node = null;

        publish(6, 10); // while no exporter runs
        node = startNode();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receivedRuleIds())
                .containsExactlyElementsOf(ids(1, 10)));
        assertThat(receiver.messages()).allSatisfy(m -> assertThat(m).startsWith("<134>1 ")
                .contains(" node-a Bulwark - RULES - CEF:0|Bulwark|Bulwark|test|BW_EV_RULE_CHANGED|"));
    }

    @Test
    void aReceiverThatGoesAwayLosesNothingAndTheFailureAndRecoveryAreEvents() throws Exception {
        node = startNode();
        publish(1, 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> receivedRuleIds().size() == 3);

        receiver.stop();
        publish(4, 8);
        await().atMost(Duration.ofSeconds(20)).until(() -> healthEvents.stream()
                .anyMatch(CefExportFailedEvent.class::isInstance));
        receiver.start();

        await().atMost(Duration.ofSeconds(90)).until(() -> receivedRuleIds().containsAll(ids(1, 8)));
        await().atMost(Duration.ofSeconds(20)).until(() -> healthEvents.stream()
                .anyMatch(CefExportResumedEvent.class::isInstance));
        assertThat(healthEvents.stream().filter(CefExportFailedEvent.class::isInstance)).hasSize(1);
        assertThat(receivedRuleIds().subList(0, 3)).containsExactlyElementsOf(ids(1, 3));
    }
}
