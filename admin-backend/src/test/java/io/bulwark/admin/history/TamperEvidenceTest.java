package io.bulwark.admin.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bulwark.admin.history.offline.VerifyHistoryExport;
import io.bulwark.store.PayloadFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of tamper evidence: events edited or deleted by hand in the embedded store make
 * verification fail at exactly that index, gaps are sealed as gaps, and the offline verifier agrees
 * with the API on an export.
 */
public class TamperEvidenceTest {
    @TempDir
    Path dir;

    private EmbeddedHistory history;

    @BeforeEach
    void setUp() throws Exception {
        history = new EmbeddedHistory(dir, 20);
        history.rotateKey("system");
    }

    @AfterEach
    void tearDown() {
        history.close();
    }

    @Test
    void aSealedUntouchedHistoryVerifiesIntactWithSignedCheckpoints() {
        history.append(59);
        assertThat(history.sealer.sealAvailable()).isEqualTo(60);
        history.clock.advance(Duration.ofSeconds(61));
        history.sealer.sealAvailable();

        Verification v = history.verifier.verify(1, null);

        assertThat(v.intact()).isTrue();
        assertThat(v.brokenLink()).isNull();
        assertThat(v.to()).isEqualTo(60);
        assertThat(v.sealedUpTo()).isEqualTo(60);
        assertThat(v.events()).isEqualTo(60);
        assertThat(v.checkpoints()).isGreaterThanOrEqualTo(2);
        assertThat(v.latestCheckpoint().index()).isEqualTo(60);
        assertThat(SealingKeys.verify(history.keys.newest().orElseThrow().publicKey(),
                v.latestCheckpoint().statementBytes(), v.latestCheckpoint().signature())).isTrue();
    }

    @Test
    void editingOneStoredEventByHandFailsVerificationAtExactlyThatEvent() {
        history.append(40);
        history.sealer.sealAvailable();
        String sealed = history.store.links(17, 17).get(17L).hash();

        history.edit(17, "payload", "actor", "mallory");

        Verification v = history.verifier.verify(1, null);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenLink().globalIndex()).isEqualTo(17);
        assertThat(v.brokenLink().reason()).isEqualTo("event-altered");
        assertThat(v.brokenLink().expected()).isEqualTo(sealed);
        assertThat(v.brokenLink().found()).isNotEqualTo(sealed);
        assertThat(v.events()).isEqualTo(16);
        // a range that ends before the edit is still intact
        assertThat(history.verifier.verify(1, 16L).intact()).isTrue();
    }

    /** The same for an event stored as a document ({@code bulwark.store.payload-format=document}). */
    @Test
    void editingAnEventStoredAsADocumentIsCaughtAtThatEventToo() throws Exception {
        try (EmbeddedHistory documents = new EmbeddedHistory(dir.resolve("documents"), 20, false,
                PayloadFormat.DOCUMENT)) {
            documents.rotateKey("system");
            documents.append(20);
            documents.sealer.sealAvailable();
            assertThat(documents.events().find(Filters.eq("_id", 9L)).first()).containsKey("payload");
            assertThat(documents.verifier.verify(1, null).intact()).isTrue();

            documents.edit(12, "metaData", "node", "elsewhere");
            assertThat(documents.verifier.verify(1, null).brokenLink().globalIndex()).isEqualTo(12);

            documents.edit(9, "payload", "actor", "mallory");
            Verification v = documents.verifier.verify(1, null);
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenLink().globalIndex()).isEqualTo(9);
            assertThat(v.brokenLink().reason()).isEqualTo("event-altered");
        }
    }

    @Test
    void editingMetadataIsCaughtToo() {
        history.append(10);
        history.sealer.sealAvailable();

        history.edit(4, "metaData", "node", "elsewhere");

        assertThat(history.verifier.verify(1, null).brokenLink().globalIndex()).isEqualTo(4);
    }

    @Test
    void deletingOneStoredEventFailsVerificationAtTheGapItLeaves() {
        history.append(40);
        history.sealer.sealAvailable();

        history.events().deleteOne(Filters.eq("_id", 23L));

        Verification v = history.verifier.verify(1, null);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenLink().globalIndex()).isEqualTo(23);
        assertThat(v.brokenLink().reason()).isEqualTo("event-missing");
    }

    @Test
    void aHoleInTheGlobalOrderIsSealedAsAGapOnlyAfterItSettledAndAnEventCannotAppearInItLater() {
        history.append(10);
        Document removed = history.events().find(Filters.eq("_id", 6L)).first();
        history.events().deleteOne(Filters.eq("_id", 6L)); // as if index 6 was reserved and never written

        assertThat(history.sealer.sealAvailable()).isEqualTo(5); // stops at the hole
        history.clock.advance(Duration.ofSeconds(59));
        assertThat(history.sealer.sealAvailable()).isZero();
        history.clock.advance(Duration.ofSeconds(2));
        assertThat(history.sealer.sealAvailable()).isEqualTo(6); // the gap and 7..11
        assertThat(history.store.links(6, 6).get(6L).gap()).isTrue();
        Verification v = history.verifier.verify(1, null);
        assertThat(v.intact()).isTrue();
        assertThat(v.gaps()).isEqualTo(1);
        assertThat(v.events()).isEqualTo(10);

        history.events().insertOne(removed); // something slipped in where the chain recorded nothing

        Verification after = history.verifier.verify(1, null);
        assertThat(after.brokenLink().globalIndex()).isEqualTo(6);
        assertThat(after.brokenLink().reason()).isEqualTo("event-in-gap");
    }

    @Test
    void rewritingTheChainLinksToHideAnEditIsCaughtAtTheNextSignedCheckpoint() {
        history.append(39); // 40 events with the key event: checkpoints at 20 and 40
        history.sealer.sealAvailable();
        history.edit(25, "payload", "actor", "mallory");
        // the attacker recomputes every link from 25 on, but cannot sign
        byte[] previous = ChainCodec.unhex(history.store.links(24, 24).get(24L).hash());
        for (var event : history.eventLog.readAfter(24, 100)) {
            previous = ChainCodec.eventLink(previous, event);
            history.database.getCollection(HistoryStore.CHAIN).updateOne(Filters.eq("_id", event.globalIndex()),
                    Updates.set("h", ChainCodec.hex(previous)));
        }

        Verification v = history.verifier.verify(1, null);

        assertThat(v.intact()).isFalse();
        assertThat(v.brokenLink().globalIndex()).isEqualTo(40);
        assertThat(v.brokenLink().reason()).isEqualTo("checkpoint-mismatch");
    }

    @Test
    void theOfflineVerifierAgreesWithTheApiOnAnExportIntactAndTampered() throws Exception {
        history.append(45);
        history.clock.advance(Duration.ofSeconds(61));
        history.sealer.sealAvailable();
        history.sealer.checkpointNow();
        Path intact = history.exportFile(dir, "intact.jsonl");

        Result ok = offline(intact);
        assertThat(ok.status()).isZero();
        assertThat(ok.output()).contains("\"intact\" : true").contains("\"events\" : 46");

        history.edit(31, "payload", "processingGroup", "queue-view");
        Verification api = history.verifier.verify(1, null);
        Path tampered = history.exportFile(dir, "tampered.jsonl");
        Result broken = offline(tampered);

        assertThat(api.brokenLink().globalIndex()).isEqualTo(31);
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.output()).contains("\"globalIndex\" : 31").contains("\"reason\" : \"event-altered\"")
                .contains("\"expected\" : \"" + api.brokenLink().expected() + "\"")
                .contains("\"found\" : \"" + api.brokenLink().found() + "\"");
    }

    @Test
    void aRotatedKeySignsLaterCheckpointsAndTheOldOnesStayVerifiableFromThePinnedFirstKey() throws Exception {
        String first = history.keys.newest().orElseThrow().keyId();
        history.append(25);
        history.sealer.sealAvailable();
        String second = history.rotateKey("alice").keyId();
        history.append(25);
        history.clock.advance(Duration.ofSeconds(61));
        history.sealer.sealAvailable();

        assertThat(history.store.checkpoint(26).orElseThrow().keyId()).isEqualTo(first); // 1 key event + 25, one pass
        assertThat(history.store.latestCheckpoint().orElseThrow().keyId()).isEqualTo(second);
        assertThat(history.verifier.verify(1, null).intact()).isTrue();
        Path export = history.exportFile(dir, "rotated.jsonl");
        assertThat(offline(export, "--trust-key", first).status()).isZero();
        Result untrusted = offline(export, "--trust-key", "hk-0000000000000000");
        assertThat(untrusted.status()).isEqualTo(1);
        assertThat(untrusted.output()).contains("checkpoint-key-unknown");
    }

    /** What the offline verifier printed and returned. */
    public record Result(int status, String output) {
    }

    /** Runs the offline verifier on a file, as its command line does. */
    public static Result offline(Path file, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[1 + more.length];
        args[0] = file.toString();
        System.arraycopy(more, 0, args, 1, more.length);
        int status = VerifyHistoryExport.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Result(status, out + err.toString());
    }
}
