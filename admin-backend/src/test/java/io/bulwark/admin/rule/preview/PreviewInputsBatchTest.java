package io.bulwark.admin.rule.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.support.CountedBatches;
import io.bulwark.admin.support.ProjectionProcessors;
import io.bulwark.events.scan.MessageScannedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preview read model behind a batching processor, as the application wires it: a batch's
 * messages reach their segments in one bulk write instead of a {@code $push} each, with the same
 * documents as message by message.
 */
class PreviewInputsBatchTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final String GROUP = PreviewInputsProjection.PROCESSING_GROUP;

    private CountedBatches mongo;

    @BeforeEach
    void start() {
        mongo = new CountedBatches();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aBatchWritesItsSegmentsOnceAndGivesTheSameDocumentsAsMessageByMessage() {
        List<MessageScannedEvent> scans = RecordedScans.scans("B", 120, T0, 21);
        MongoDatabase batched = mongo.client().getDatabase("batched");
        PreviewInputsProjection projection = new PreviewInputsProjection(batched);
        CountedBatches.handleInBatches(GROUP, () -> projection,
                scans.stream().map(GenericEventMessage::asEventMessage).toList());
        int batchedWrites = segmentWrites().size();
        int batchedVerdictWrites = verdictWrites().size();

        MongoDatabase direct = mongo.client().getDatabase("direct");
        PreviewInputsProjection oneByOne = new PreviewInputsProjection(direct);
        for (int i = 0; i < scans.size(); i++) {
            oneByOne.count(scans.get(i), T0, i);
        }

        int batches = (scans.size() + ProjectionProcessors.BATCH_SIZE - 1) / ProjectionProcessors.BATCH_SIZE;
        assertThat(batchedWrites).isLessThanOrEqualTo(batches);
        assertThat(segmentWrites().size() - batchedWrites).isEqualTo(scans.size());
        assertThat(withoutPositions(batched)).isEqualTo(withoutPositions(direct));
        // the verdict lists too: one bulk write per batch, against one write per new list
        assertThat(batchedVerdictWrites).isLessThanOrEqualTo(batches);
        assertThat(verdictWrites().size() - batchedVerdictWrites).isGreaterThan(batches);
        assertThat(all(batched, PreviewInputsProjection.VERDICTS))
                .isEqualTo(all(direct, PreviewInputsProjection.VERDICTS)).isNotEmpty();
    }

    /**
     * A batch that rolls back after its messages were counted (a later handler failed, say) leaves
     * nothing behind: neither its segments nor its new verdict lists count as stored, so when the
     * processor hands the same messages again they are all written, as message by message.
     */
    @Test
    void aRolledBackBatchIsWrittenWhenItComesAgain() {
        List<MessageScannedEvent> scans = RecordedScans.scans("R", 120, T0, 23);
        MongoDatabase batched = mongo.client().getDatabase("rolled-back");
        PreviewInputsProjection projection = new PreviewInputsProjection(batched);
        List<MessageScannedEvent> first = scans.subList(0, 40);
        projection.open(first);
        for (int i = 0; i < first.size(); i++) {
            projection.count(first.get(i), T0, i);
        }
        projection.discard();
        assertThat(all(batched, PreviewInputsProjection.VERDICTS)).as("nothing written before the flush").isEmpty();
        CountedBatches.handleInBatches(GROUP, () -> projection,
                scans.stream().map(GenericEventMessage::asEventMessage).toList());

        MongoDatabase direct = mongo.client().getDatabase("rolled-back-direct");
        PreviewInputsProjection oneByOne = new PreviewInputsProjection(direct);
        for (int i = 0; i < scans.size(); i++) {
            oneByOne.count(scans.get(i), T0, i);
        }
        assertThat(withoutPositions(batched)).isEqualTo(withoutPositions(direct));
        assertThat(all(batched, PreviewInputsProjection.VERDICTS))
                .isEqualTo(all(direct, PreviewInputsProjection.VERDICTS)).isNotEmpty();
    }

    private List<String> verdictWrites() {
        return mongo.named("update").stream().filter(c -> c.endsWith(" " + PreviewInputsProjection.VERDICTS)).toList();
    }

    private static List<Document> all(MongoDatabase database, String collection) {
        return database.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private List<String> segmentWrites() {
        return mongo.named("update").stream().filter(c -> c.endsWith(" " + PreviewInputsProjection.SEGMENTS)).toList();
    }

    /** The segments as stored, without {@code upTo} (global indexes differ between the two ways). */
    private static List<Document> withoutPositions(MongoDatabase database) {
        List<Document> out = new ArrayList<>();
        database.getCollection(PreviewInputsProjection.SEGMENTS).find().sort(new Document("_id", 1)).forEach(d -> {
            d.remove("upTo");
            out.add(d);
        });
        return out;
    }
}
