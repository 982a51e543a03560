package io.bulwark.gateway.antispam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.scan.antispam.bayes.BayesClassifier;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.Tokenizer;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.testing.BayesTrainingSet;
import io.bulwark.scan.testing.TestMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Bayes statistics of gateway nodes as projections of the training events, on a real Axon
 * configuration per node over one shared storage engine (the way nodes share one MongoDB): a mark
 * reaches every node, raises a near-identical message there, an untraining takes it back, and a
 * node started later (a replay from zero) holds exactly the same statistics.
 */
class BayesTokensProjectionTest {
    private final List<Configuration> started = new ArrayList<>();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final List<Object> history = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Configuration::shutdown);
    }

    /** A gateway node: its own token store, processor and in-memory Axon token, as BayesTokensConfiguration. */
    private InMemoryTokenStore startNode(String nodeId) {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        String processor = BayesTokensProjection.processorName(nodeId);
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(processor, c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                        .registerTokenStore(processor, c -> new org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore())
                        .assignProcessingGroup(BayesTokensProjection.PROCESSING_GROUP, processor)
                        .registerEventHandler(c -> new BayesTokensProjection(tokens)))
                .buildConfiguration();
        configuration.start();
        started.add(configuration);
        return tokens;
    }

    /** As the TrainingMark aggregate appends them: one stream per mark. */
    private void publish(String trainingId, Object event) {
        long sequence = history.stream().filter(e -> idOf(e).equals(trainingId)).count();
        storage.appendEvents(new GenericDomainEventMessage<>("TrainingMark", trainingId, sequence, event));
        history.add(event);
    }

    private static String idOf(Object event) {
        return event instanceof MessageTrainedEvent t ? t.trainingId() : ((MessageUntrainedEvent) event).trainingId();
    }

    private static double probability(InMemoryTokenStore store, MessageView message) {
        return new BayesClassifier(store).classify(Tokenizer.hashes(message)).probability();
    }

    @Test
    void aMarkAsSpamRaisesANearIdenticalMessageOnEveryNodeAndUntrainingTakesItBack() {
        Random random = new Random(3);
        BayesTrainingSet.events(random, 40).forEach(e -> publish(e.trainingId(), e));
        // the rest of a gateway's stream is not the projection's business
        storage.appendEvents(GenericEventMessage.asEventMessage("unrelated"));
        InMemoryTokenStore nodeA = startNode("node-a");
        InMemoryTokenStore nodeB = startNode("node-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.spamMessages() == 40 && nodeB.spamMessages() == 40);

        String text = "Dear customer, your parcel zorblax awaits quixotic redelivery fee payment kwerty";
        MessageView marked = new MessageViewParser().parse(TestMessages.plain("parcel", text));
        MessageView similar = new MessageViewParser().parse(TestMessages.plain("parcel", text + " today"));
        double before = probability(nodeA, similar);
        assertThat(probability(nodeB, similar)).isEqualTo(before);

        // five administrators' marks of five copies, as the console sends them
        List<MessageTrainedEvent> marks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MessageTrainedEvent m = BayesTrainingSet.trained("mark-" + i, marked, TrainingVerdict.SPAM);
            marks.add(m);
            publish(m.trainingId(), m);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.spamMessages() == 45 && nodeB.spamMessages() == 45);
        assertThat(probability(nodeA, similar)).isGreaterThan(before).isGreaterThan(0.9);
        assertThat(probability(nodeB, similar)).isGreaterThan(before).isGreaterThan(0.9);

        for (MessageTrainedEvent m : marks) {
            publish(m.trainingId(), new MessageUntrainedEvent(m.trainingId(), TrainingVerdict.SPAM, m.tokenizer(),
                    m.tokens(), "admin", Instant.EPOCH));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.spamMessages() == 40 && nodeB.spamMessages() == 40);
        assertThat(probability(nodeA, similar)).isEqualTo(before);
        assertThat(probability(nodeB, similar)).isEqualTo(before);
    }

    @Test
    void aNodeStartedLaterReplaysTheHistoryIntoTheSameStatisticsAsTheFold() {
        Random random = new Random(5);
        List<MessageTrainedEvent> events = BayesTrainingSet.events(random, 30);
        events.forEach(e -> publish(e.trainingId(), e));
        InMemoryTokenStore early = startNode("node-a");
        // re-marked as ham, taken back, marked again: the fold keeps the last word
        MessageTrainedEvent first = events.getFirst();
        publish(first.trainingId(), new MessageUntrainedEvent(first.trainingId(), first.verdict(), first.tokenizer(),
                first.tokens(), "admin", Instant.EPOCH));
        MessageTrainedEvent second = events.get(1);
        publish(second.trainingId(), new MessageUntrainedEvent(second.trainingId(), second.verdict(),
                second.tokenizer(), second.tokens(), "admin", Instant.EPOCH));
        publish(second.trainingId(), new MessageTrainedEvent(second.trainingId(), "q", "00", TrainingVerdict.HAM,
                second.tokenizer(), second.tokens(), "admin", Instant.EPOCH));
        InMemoryTokenStore late = startNode("node-b");

        InMemoryTokenStore fold = new InMemoryTokenStore();
        for (Object e : history) {
            if (e instanceof MessageTrainedEvent t) {
                fold.on(t);
            } else {
                fold.on((MessageUntrainedEvent) e);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> early.marks().equals(fold.marks())
                && late.marks().equals(fold.marks()));
        assertThat(fold.spamMessages()).isEqualTo(29);
        assertThat(fold.hamMessages()).isEqualTo(30);
        for (InMemoryTokenStore node : List.of(early, late)) {
            assertThat(node.spamMessages()).isEqualTo(fold.spamMessages());
            assertThat(node.hamMessages()).isEqualTo(fold.hamMessages());
            assertThat(node.size()).isEqualTo(fold.size());
            for (MessageTrainedEvent e : events) {
                for (long token : e.tokens()) {
                    assertThat(node.counts(token)).isEqualTo(fold.counts(token));
                }
            }
        }
    }
}
