package io.bulwark.admin.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
import io.bulwark.events.scan.MessageScannedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds recorded gateway events through a real tracking processor, then rebuilds the projection
 * from zero (token reset) and checks the documents and query results come out identical.
 */
class MessageTrackingReplayTest {
    private static final String GROUP = MessageTrackingProjection.PROCESSING_GROUP;

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("replay-test", database -> Map.of(GROUP, new MessageTrackingProjection(database)));
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    @Test
    void rebuildingFromZeroGivesIdenticalResults() {
        Map<String, Long> sequences = new HashMap<>();
        for (MessageEvent event : RecordedMessageEvents.day()) {
            long sequence = sequences.merge(event.queueId(), 1L, Long::sum) - 1;
            replay.axon().eventStore().publish(new GenericDomainEventMessage<>("Message", event.queueId(), sequence, event));
        }
        for (MessageScannedEvent event : RecordedMessageEvents.scans()) {
            String queueId = event.message().queueId();
            long sequence = sequences.merge(queueId, 1L, Long::sum) - 1;
            replay.axon().eventStore().publish(new GenericDomainEventMessage<>("Message", queueId, sequence, event));
        }
        replay.awaitCaughtUp(GROUP);
        List<Document> documents = replay.documents(MessageTrackingProjection.COLLECTION);
        List<MessageTrackingView> rows = query();
        assertThat(rows).hasSize(5);
        assertThat(rows).extracting(MessageTrackingView::queueId, MessageTrackingView::subject).contains(
                tuple("Q1", "Quarterly report"), tuple("Q2", "Gr\u00fc\u00dfe \u4e2d"), tuple("Q3", null),
                tuple("Q4", null));
        assertThat(rows).filteredOn(r -> r.queueId().equals("Q2")).singleElement().satisfies(r -> {
            assertThat(r.moduleStatuses()).containsEntry("ANTI_VIRUS", "INFECTED")
                    .containsEntry("ANTI_SPAM", "PROBABLE_SPAM");
            assertThat(r.rules()).containsExactly("Sales");
        });
        assertThat(queryBy("ANTI_VIRUS", "INFECTED", "sales", "198.51.100", "Q2@mail")).extracting(
                MessageTrackingView::queueId).containsExactly("Q2");

        replay.rebuild(List.of(GROUP), List.of(MessageTrackingProjection.COLLECTION));

        assertThat(replay.documents(MessageTrackingProjection.COLLECTION)).isEqualTo(documents);
        assertThat(query()).isEqualTo(rows);
        assertThat(queryBy("ANTI_VIRUS", "INFECTED", "sales", "198.51.100", "Q2@mail")).extracting(
                MessageTrackingView::queueId).containsExactly("Q2");
    }

    private List<MessageTrackingView> queryBy(String module, String status, String rule, String client,
            String messageId) {
        return replay.axon().queryGateway().query(new FindMessagesQuery(null, null, null, null, null, 1000, module,
                status, rule, client, messageId), ResponseTypes.multipleInstancesOf(MessageTrackingView.class)).join();
    }

    private List<MessageTrackingView> query() {
        return replay.axon().queryGateway().query(new FindMessagesQuery(null, null, null, null, null, 1000),
                ResponseTypes.multipleInstancesOf(MessageTrackingView.class)).join();
    }
}
