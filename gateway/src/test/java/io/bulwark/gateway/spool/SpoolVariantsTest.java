package io.bulwark.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-group bodies and the recorded decision survive a restart; orphans and deletions take them along. */
class SpoolVariantsTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static MessageScannedEvent scan() {
        ScanReport report = new ScanReport(List.of(new ModuleVerdict(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED,
                List.of("EICAR test file in part 2 (eicar.com)"), 0, List.of("2"))),
                Map.of(ProtectionModule.ANTI_VIRUS, 3L), 4);
        return new MessageScannedEvent(new MessageRef("Q1", "m@x", "a@b.test", List.of("c@d.test", "e@d.test"), 10,
                "192.0.2.1", "n"), report, List.of(new RecipientGroupDecision("default", "Default",
                List.of("c@d.test", "e@d.test"), Action.DELETE_ATTACHMENT, Action.DELETE_ATTACHMENT, List.of("[Infected]"),
                true, List.of("2"), List.of("ANTI_VIRUS INFECTED -> DELETE_ATTACHMENT"))), false, NOW);
    }

    private void assertNothingLeft() throws java.io.IOException {
        assertThat(SpoolFiles.of(dir)).isEmpty();
    }

    @Test
    void variantsAndTheScanAreCommittedWithTheMessageAndRecovered() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo body = spool.writeBody("Q1", new byte[0], new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII)), 1000);
        BodyVariant variant = spool.writeVariant("Q1", 1, List.of("c@d.test"),
                "Subject: [Infected] x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        SpoolMetadata metadata = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, "Q1", "n", "a@b.test",
                List.of(RecipientState.pending("c@d.test"), RecipientState.pending("e@d.test")
                        .withOutcome(RecipientStatus.DELETED, null, "deleted by policy", 0, NOW)),
                "192.0.2.1", "h", null, null, null, body.sizeBytes(), body.sha256(), false, NOW, 0, NOW, false,
                List.of(variant), scan());
        spool.commit(metadata);

        SpoolMetadata recovered = new Spool(dir).recover().getFirst();
        assertThat(recovered).isEqualTo(metadata);
        assertThat(spool.bodyPathFor(recovered, "c@d.test")).isEqualTo(spool.variantPath("Q1", 1));
        assertThat(spool.bodyPathFor(recovered, "e@d.test")).isEqualTo(spool.bodyPath("Q1"));
        assertThat(Files.readString(spool.variantPath("Q1", 1))).startsWith("Subject: [Infected] x");

        spool.delete(recovered);
        assertNothingLeft();
    }

    /**
     * Deletion names the files the metadata lists: a variant file that the entry no longer lists
     * (a re-check replaced it, and a crash came before it was removed) is left to recovery, which
     * removes it and keeps the listed ones.
     */
    @Test
    void recoveryRemovesVariantFilesTheirMessageNoLongerListsAndDeletionRemovesTheListedOnes() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo body = spool.writeBody("Q5", new byte[0], new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII)), 1000);
        BodyVariant first = spool.writeVariant("Q5", 1, List.of("c@d.test"), "one\r\n".getBytes(StandardCharsets.US_ASCII));
        SpoolMetadata committed = new SpoolMetadata(SpoolMetadata.FORMAT_VERSION, "Q5", "n", "a@b.test",
                List.of(RecipientState.pending("c@d.test")), "192.0.2.1", "h", null, null, null, body.sizeBytes(),
                body.sha256(), false, NOW, 0, NOW, false, List.of(first), null);
        spool.commit(committed);
        // a re-check wrote variants 2 and 3 and listed only 3; the crash came before variant 1 went
        spool.writeVariant("Q5", 2, List.of("c@d.test"), "two\r\n".getBytes(StandardCharsets.US_ASCII));
        BodyVariant third = spool.writeVariant("Q5", 3, List.of("c@d.test"), "three\r\n".getBytes(StandardCharsets.US_ASCII));
        spool.update(committed.withJudgement(committed.recipients(), List.of(third), null, NOW));

        SpoolMetadata recovered = new Spool(dir).recover().getFirst();
        assertThat(recovered.variants()).extracting(BodyVariant::index).containsExactly(3);
        assertThat(spool.variantPath("Q5", 1)).doesNotExist();
        assertThat(spool.variantPath("Q5", 2)).doesNotExist();
        assertThat(spool.variantPath("Q5", 3)).hasContent("three");

        spool.delete(recovered);
        assertNothingLeft();
    }

    @Test
    void uncommittedVariantsAreRemovedOnRecovery() throws Exception {
        Spool spool = new Spool(dir);
        spool.writeBody("Q2", new byte[0], new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII)), 100);
        spool.writeVariant("Q2", 1, List.of("c@d.test"), "y\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new Spool(dir).recover()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void aFormatOneFileReadsWithoutVariantsOrScan() throws Exception {
        Spool spool = new Spool(dir);
        spool.writeBody("Q3", new byte[0], new ByteArrayInputStream("x\r\n".getBytes(StandardCharsets.US_ASCII)), 100);
        Files.writeString(dir.resolve("Q3.json"), """
                {"formatVersion":1,"queueId":"Q3","nodeId":"n","sender":"a@b.test",
                 "recipients":[{"address":"c@d.test","status":"PENDING","attempt":0}],
                 "clientAddress":"192.0.2.1","sizeBytes":3,"sha256":"00","eightBit":false,
                 "receivedAt":"2025-01-01T00:00:00Z","attempts":0,"nextAttemptAt":"2025-01-01T00:00:00Z"}
                """);
        SpoolMetadata m = spool.read("Q3").orElseThrow();
        assertThat(m.variants()).isEmpty();
        assertThat(m.scan()).isNull();
        assertThat(spool.bodyPathFor(m, "c@d.test")).isEqualTo(spool.bodyPath("Q3"));
    }
}
