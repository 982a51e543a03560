package io.bulwark.admin.queue;

import static io.bulwark.admin.queue.RecordedQueueEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.events.queue.FindNodesQuery;
import io.bulwark.events.queue.FindQueueCountsQuery;
import io.bulwark.events.queue.FindQueuedMessagesQuery;
import io.bulwark.events.queue.NodeStatusView;
import io.bulwark.events.queue.QueueCountsView;
import io.bulwark.events.queue.QueuedMessageView;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueViewProjectionTest {

    private MongoServer server;
    private MongoClient client;
    private QueueViewProjection queue;
    private NodeStatusProjection nodes;

    @BeforeEach
    void setUp() throws Exception {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        MongoDatabase database = client.getDatabase("queue-test");
        queue = new QueueViewProjection(database);
        nodes = new NodeStatusProjection(database);
        AnnotationEventHandlerAdapter queueHandlers = new AnnotationEventHandlerAdapter(queue);
        AnnotationEventHandlerAdapter nodeHandlers = new AnnotationEventHandlerAdapter(nodes);
        for (Object event : RecordedQueueEvents.events()) {
            queueHandlers.handle(GenericEventMessage.asEventMessage(event));
            nodeHandlers.handle(GenericEventMessage.asEventMessage(event));
        }
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private List<String> ids(String queueName, String node, String messageId, String sender, String recipient,
            Instant from, Instant to, String sort) {
        return queue.find(new FindQueuedMessagesQuery(queueName, node, messageId, sender, recipient, from, to, sort, 0))
                .stream().map(QueuedMessageView::queueId).toList();
    }

    private List<String> all(String sort) {
        return ids(null, null, null, null, null, null, null, sort);
    }

    @Test
    void showsOnlyWhatIsStillQueuedOldestFirst() {
        assertThat(all(null)).containsExactly("A1", "A2", "B1", "B2");
    }

    @Test
    void eachMessageShowsItsQueueAndState() {
        List<QueuedMessageView> rows = queue.find(FindQueuedMessagesQuery.everything());
        assertThat(rows).extracting(QueuedMessageView::queue).containsExactly("DEFERRED", "ACTIVE", "HOLD", "DEFERRED");
        QueuedMessageView a1 = rows.getFirst();
        assertThat(a1.nodeId()).isEqualTo("node-1");
        assertThat(a1.attempts()).isEqualTo(2);
        assertThat(a1.nextAttemptAt()).isEqualTo(at(191));
        assertThat(a1.lastReply()).isEqualTo("451 4.3.0 Still later");
        assertThat(a1.arrivedAt()).isEqualTo(at(10));
        assertThat(a1.messageId()).isEqualTo("A1@mail.example.org");
        assertThat(rows.get(1).recipients()).containsExactly("erin@corp.example");
    }

    @Test
    void filtersByQueueNodeMessageIdSenderRecipientAndArrival() {
        assertThat(ids("HOLD", null, null, null, null, null, null, null)).containsExactly("B1");
        assertThat(ids("DEFERRED", null, null, null, null, null, null, null)).containsExactly("A1", "B2");
        assertThat(ids(null, "node-2", null, null, null, null, null, null)).containsExactly("B1", "B2");
        assertThat(ids(null, null, "b2@MAIL", null, null, null, null, null)).containsExactly("B2");
        assertThat(ids(null, null, null, "CAROL", null, null, null, null)).containsExactly("A2");
        assertThat(ids(null, null, null, null, "erin@", null, null, null)).containsExactly("A2");
        assertThat(ids(null, null, null, null, "dave@", null, null, null)).isEmpty(); // delivered already
        assertThat(ids(null, null, null, null, null, at(20), at(50), null)).containsExactly("A2", "B1");
        assertThat(ids(null, null, null, ".*", null, null, null, null)).isEmpty(); // literal text
    }

    @Test
    void sortsByAnyKeyBothWays() {
        assertThat(all("-arrivedAt")).containsExactly("B2", "B1", "A2", "A1");
        assertThat(all("sender")).containsExactly("A1", "A2", "B1", "B2");
        assertThat(all("-node")).containsExactly("B2", "B1", "A2", "A1"); // ties: by queue id, the same way
        assertThat(all("-attempts")).first().isIn("A1", "B2");
        assertThatThrownBy(() -> all("colour")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsPerQueueAndNode() {
        assertThat(queue.counts(new FindQueueCountsQuery())).containsExactly(
                QueueCountsView.of("node-1", 0, 1, 1, 0),
                QueueCountsView.of("node-2", 0, 0, 1, 1));
    }

    @Test
    void nodesShowTheirSwitches() {
        assertThat(nodes.find(new FindNodesQuery())).containsExactly(
                new NodeStatusView("node-1", true, true, true, at(0), null, null),
                new NodeStatusView("node-2", true, true, false, at(0), at(90), "admin"));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        List<QueuedMessageView> before = queue.find(FindQueuedMessagesQuery.everything());
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(queue);
        List<Object> events = RecordedQueueEvents.events();
        try {
            for (Object event : events.subList(events.size() - 12, events.size())) {
                handlers.handle(GenericEventMessage.asEventMessage(event));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(queue.find(FindQueuedMessagesQuery.everything())).isEqualTo(before);
    }

    private void apply(Object... events) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(queue);
        for (Object event : events) {
            try {
                handlers.handle(GenericEventMessage.asEventMessage(event));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private QueuedMessageView row(String queueId) {
        return queue.find(FindQueuedMessagesQuery.everything()).stream().filter(r -> r.queueId().equals(queueId))
                .findFirst().orElseThrow();
    }

    @Test
    void givenAMessageHeldInTheAntiSpamQuarantineThenItShowsInItsOwnQueueUntilReleased() {
        io.bulwark.events.message.MessageRef q1 = RecordedQueueEvents.ref("Q1", "node-1", "x@spam.example",
                "frank@corp.example");
        apply(new io.bulwark.events.message.MessageReceivedEvent(q1, "helo", null, null, "00", at(300)),
                new io.bulwark.events.quarantine.SpamQuarantineHeldEvent(q1, List.of("r1"), List.of("Default"), 42,
                        List.of("PROBABLE_SPAM"), at(3900), at(14700), "system", at(300)));

        assertThat(row("Q1").queue()).isEqualTo("SPAM_QUARANTINE");
        assertThat(ids("SPAM_QUARANTINE", null, null, null, null, null, null, null)).containsExactly("Q1");
        assertThat(queue.counts(new FindQueueCountsQuery())).filteredOn(c -> "node-1".equals(c.nodeId()))
                .singleElement().satisfies(c -> assertThat(c.spamQuarantine()).isEqualTo(1));

        apply(new io.bulwark.events.quarantine.SpamQuarantineReleasedEvent(q1, List.of("r1"), List.of("Default"),
                "req", "admin", at(400)));
        assertThat(row("Q1").queue()).isEqualTo("INCOMING");
    }

    @Test
    void givenAHeldMessageWhenTheRecheckReleasesItThenItLeavesTheQuarantineQueue() {
        io.bulwark.events.message.MessageRef q2 = RecordedQueueEvents.ref("Q2", "node-2", "x@spam.example",
                "gina@corp.example");
        apply(new io.bulwark.events.quarantine.SpamQuarantineHeldEvent(q2, List.of("r1"), List.of("Default"), 42,
                        List.of("PROBABLE_SPAM"), at(3900), at(14700), "system", at(300)),
                new io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent(q2, List.of("r1"), List.of("Default"),
                        42, null, io.bulwark.events.quarantine.RecheckOutcome.RETRY, List.of(), List.of(),
                        List.of("dns"), at(7500), 1, "system", at(3900)));
        assertThat(row("Q2").queue()).isEqualTo("SPAM_QUARANTINE");
        assertThat(row("Q2").nextAttemptAt()).isEqualTo(at(7500));

        apply(new io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent(q2, List.of("r1"), List.of("Default"),
                42, null, io.bulwark.events.quarantine.RecheckOutcome.RELEASED, List.of("gina@corp.example"),
                List.of(), List.of(), null, 2, "system", at(7500)));
        assertThat(row("Q2").queue()).isEqualTo("INCOMING");
    }
}
