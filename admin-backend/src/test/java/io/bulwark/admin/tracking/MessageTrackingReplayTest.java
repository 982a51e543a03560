package io.bulwark.admin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.query.FindMessagesQuery;
import io.bulwark.events.query.MessageTrackingView;
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
        replay.awaitCaughtUp(GROUP);
        List<Document> documents = replay.documents(MessageTrackingProjection.COLLECTION);
        List<MessageTrackingView> rows = query();
        assertThat(rows).hasSize(5);

        replay.rebuild(List.of(GROUP), List.of(MessageTrackingProjection.COLLECTION));

        assertThat(replay.documents(MessageTrackingProjection.COLLECTION)).isEqualTo(documents);
        assertThat(query()).isEqualTo(rows);
    }

    private List<MessageTrackingView> query() {
        return replay.axon().queryGateway().query(new FindMessagesQuery(null, null, null, null, null, 1000),
                ResponseTypes.multipleInstancesOf(MessageTrackingView.class)).join();
    }
}
