package io.bulwark.admin.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.admin.queue.NodeStatusProjection;
import io.bulwark.admin.queue.QueueViewProjection;
import io.bulwark.admin.queue.RecordedQueueEvents;
import io.bulwark.admin.rule.RulesProjection;
import io.bulwark.admin.rule.preview.PreviewInputsProjection;
import io.bulwark.admin.rule.preview.RecordedScans;
import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.admin.tls.CertificatesProjection;
import io.bulwark.admin.tracking.MessageTrackingProjection;
import io.bulwark.admin.tracking.RecordedMessageEvents;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.query.rule.FindRulesQuery;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds every read model through {@link ProjectionRebuilds} (the code behind the rebuild API)
 * while new message events keep arriving, and compares each, document for document, with a live
 * copy of the same read models fed the same events and never rebuilt.
 */
class EveryProjectionRebuildTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Map<String, String> COLLECTIONS = Map.of(
            MessageTrackingProjection.PROCESSING_GROUP, MessageTrackingProjection.COLLECTION,
            QueueViewProjection.PROCESSING_GROUP, QueueViewProjection.COLLECTION,
            NodeStatusProjection.PROCESSING_GROUP, NodeStatusProjection.COLLECTION,
            CertificatesProjection.PROCESSING_GROUP, CertificatesProjection.COLLECTION,
            PreviewInputsProjection.PROCESSING_GROUP, PreviewInputsProjection.SEGMENTS);

    private ProjectionReplay rebuilt;
    private ProjectionReplay live;
    private final Map<String, Long> sequences = new HashMap<>();

    @BeforeEach
    void setUp() {
        rebuilt = new ProjectionReplay("rebuilt", EveryProjectionRebuildTest::readModels);
        live = new ProjectionReplay("live", EveryProjectionRebuildTest::readModels);
    }

    @AfterEach
    void tearDown() {
        rebuilt.close();
        live.close();
    }

    private static Map<String, Object> readModels(com.mongodb.client.MongoDatabase database) {
        Map<String, Object> models = new LinkedHashMap<>();
        models.put(MessageTrackingProjection.PROCESSING_GROUP, new MessageTrackingProjection(database));
        models.put(QueueViewProjection.PROCESSING_GROUP, new QueueViewProjection(database));
        models.put(NodeStatusProjection.PROCESSING_GROUP, new NodeStatusProjection(database));
        models.put(CertificatesProjection.PROCESSING_GROUP, new CertificatesProjection(database));
        models.put(PreviewInputsProjection.PROCESSING_GROUP, new PreviewInputsProjection(database));
        models.put(RulesProjection.PROCESSING_GROUP, new RulesProjection());
        return models;
    }

    @Test
    void rebuildingEachReadModelWhileEventsKeepArrivingGivesTheLiveResultDocumentForDocument() {
        List<MessageEvent> messages = RecordedMessageEvents.day();
        int half = messages.size() / 2;
        publishBoth(configurationEvents());
        RecordedQueueEvents.events().forEach(e -> publishBoth(List.of(e)));
        messages.subList(0, half).forEach(this::publishMessage);
        publishBoth(new ArrayList<>(RecordedScans.scans("S", 40, T0, 7)));
        List<String> groups = new ArrayList<>(COLLECTIONS.keySet());
        groups.add(RulesProjection.PROCESSING_GROUP);
        rebuilt.awaitCaughtUp(groups.toArray(String[]::new));

        ProjectionRebuilds rebuilds = new ProjectionRebuilds(rebuilt.axon().eventProcessingConfiguration());
        assertThat(rebuilds.rebuildable()).containsAll(groups);
        // a document no event explains: it survives unless the rebuild really starts from zero
        COLLECTIONS.values().forEach(c -> rebuilt.database().getCollection(c)
                .insertOne(new org.bson.Document("_id", "stray")));
        for (String group : groups) {
            rebuilds.rebuild(group);
        }
        messages.subList(half, messages.size()).forEach(this::publishMessage); // mail keeps flowing
        publishBoth(new ArrayList<>(RecordedScans.scans("T", 40, T0.plusSeconds(3600), 8)));
        rebuilt.awaitCaughtUp(groups.toArray(String[]::new));
        live.awaitCaughtUp(groups.toArray(String[]::new));

        for (Map.Entry<String, String> model : COLLECTIONS.entrySet()) {
            assertThat(rebuilt.documents(model.getValue())).as(model.getKey())
                    .isNotEmpty()
                    .isEqualTo(live.documents(model.getValue()));
        }
        assertThat(rebuilt.documents(PreviewInputsProjection.VERDICTS))
                .isEqualTo(live.documents(PreviewInputsProjection.VERDICTS));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rules(rebuilt)).isNotEmpty().isEqualTo(rules(live)));
    }

    private static List<RuleView> rules(ProjectionReplay replay) {
        return replay.axon().queryGateway().query(new FindRulesQuery(0),
                ResponseTypes.multipleInstancesOf(RuleView.class)).join();
    }

    private static List<Object> configurationEvents() {
        RuleDefinition partners = RuleDefinition.withDefaults("Partners",
                new SenderCriteria(List.of("*@partner.example"), List.of()), new RecipientCriteria(List.of()));
        return List.of(
                new RuleSetInitializedEvent(RulePresets.initialRules(), "admin", T0),
                new RuleCreatedEvent("r1", partners, 0, "admin", T0.plusSeconds(1)),
                new SelfSignedCertificateCreatedEvent("c1", "k1", new CertificateDetails("CN=a.example", "CN=a.example",
                        List.of("a.example"), "01", T0, T0.plus(Duration.ofDays(365)), "FP-a", "RSA 2048", 2),
                        "admin", T0.plusSeconds(2)));
    }

    private void publishMessage(MessageEvent event) {
        long sequence = sequences.merge(event.queueId(), 1L, Long::sum) - 1;
        var message = new GenericDomainEventMessage<>("Message", event.queueId(), sequence, event);
        for (ProjectionReplay fixture : List.of(rebuilt, live)) {
            fixture.axon().eventStore().publish(message); // one identifier: read models record event ids
        }
    }

    private void publishBoth(List<Object> events) {
        for (Object event : events) {
            var message = GenericEventMessage.asEventMessage(event);
            for (ProjectionReplay fixture : List.of(rebuilt, live)) {
                fixture.axon().eventStore().publish(message);
            }
        }
    }
}
