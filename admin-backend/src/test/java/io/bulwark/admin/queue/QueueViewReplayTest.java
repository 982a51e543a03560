package io.bulwark.admin.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.queue.FindNodesQuery;
import io.bulwark.events.queue.FindQueueCountsQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both queue read models behind real tracking processors: built from recorded events, then rebuilt
 * from zero (token reset), must come out identical, documents and query answers alike.
 */
class QueueViewReplayTest {
    private static final List<String> GROUPS =
            List.of(QueueViewProjection.PROCESSING_GROUP, NodeStatusProjection.PROCESSING_GROUP);
    private static final List<String> COLLECTIONS =
            List.of(QueueViewProjection.COLLECTION, NodeStatusProjection.COLLECTION);

    private ProjectionReplay replay;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("queue-replay", database -> {
            Map<String, Object> projections = new LinkedHashMap<>();
            projections.put(QueueViewProjection.PROCESSING_GROUP, new QueueViewProjection(database));
            projections.put(NodeStatusProjection.PROCESSING_GROUP, new NodeStatusProjection(database));
            return projections;
        });
    }

    @AfterEach
    void tearDown() {
        replay.close();
    }

    @Test
    void rebuildingFromZeroGivesIdenticalResults() {
        for (Object event : RecordedQueueEvents.events()) {
            replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(event));
        }
        replay.awaitCaughtUp(GROUPS.toArray(String[]::new));
        List<Document> queueDocuments = replay.documents(QueueViewProjection.COLLECTION);
        List<Document> nodeDocuments = replay.documents(NodeStatusProjection.COLLECTION);
        Answers answers = answers();
        assertThat(answers.rows()).hasSize(4);

        replay.rebuild(GROUPS, COLLECTIONS);

        assertThat(replay.documents(QueueViewProjection.COLLECTION)).isEqualTo(queueDocuments);
        assertThat(replay.documents(NodeStatusProjection.COLLECTION)).isEqualTo(nodeDocuments);
        assertThat(answers()).isEqualTo(answers);
    }

    private record Answers(List<QueuedMessageView> rows, List<QueueCountsView> counts, List<NodeStatusView> nodes) {
    }

    private Answers answers() {
        return new Answers(
                replay.axon().queryGateway().query(FindQueuedMessagesQuery.everything(),
                        ResponseTypes.multipleInstancesOf(QueuedMessageView.class)).join(),
                replay.axon().queryGateway().query(new FindQueueCountsQuery(),
                        ResponseTypes.multipleInstancesOf(QueueCountsView.class)).join(),
                replay.axon().queryGateway().query(new FindNodesQuery(),
                        ResponseTypes.multipleInstancesOf(NodeStatusView.class)).join());
    }
}
