package io.bulwark.admin.history.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.bulwark.admin.history.ChainCodec;
import io.bulwark.admin.history.ConfigurationHistory;
import io.bulwark.admin.history.EmbeddedHistory;
import io.bulwark.admin.history.TamperEvidenceTest;
import io.bulwark.admin.history.HistoryStore.ArchivedSegment;
import io.bulwark.admin.history.Verification;
import io.bulwark.events.history.ArchiveHistorySegmentCommand;
import io.bulwark.events.history.HistorySegmentArchivedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.SenderCriteria;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archiving sealed segments past retention out of the hot store, on the embedded store (ADR 0029):
 * the files verify offline and a tampered file fails at the edited event, the hot part still
 * verifies intact from the archive's last link, message events leave the hot store by id while
 * configuration stays, and time travel still shows the rules from before the archived segments.
 */
class SegmentArchiverTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private EmbeddedHistory history;
    private SegmentArchiver archiver;
    private final List<ArchiveHistorySegmentCommand> recorded = new ArrayList<>();
    private Path archiveDir;

    @BeforeEach
    void setUp() throws Exception {
        history = new EmbeddedHistory(dir, 20);
        archiveDir = dir.resolve("archive");
        archiver = new SegmentArchiver(history.eventLog, history.store, history.export, history.events(),
                RetentionPolicy.of(Map.of(), null), archiveDir, history.clock, command -> {
                    recorded.add(command);
                    history.appendNow(new HistorySegmentArchivedEvent(command.firstIndex(), command.lastIndex(),
                            command.checkpointHash(), command.fileName(), command.fileSha256(), command.events(),
                            command.removable(), command.actor(), history.clock.instant()));
                });
    }

    @AfterEach
    void tearDown() {
        history.close();
    }

    /** 1: key, 2: rule set, 3: rule "Nasty", 4..20: mail (checkpoint 20), 21..40: mail (checkpoint 40). */
    private void oldHistoryThenRecentMail() {
        history.rotateKey("system");
        history.appendDomain("RuleSet", RuleSetIds.RULES, 0, new RuleSetInitializedEvent(RulePresets.initialRules(),
                "system", T0));
        history.appendDomain("RuleSet", RuleSetIds.RULES, 1, new RuleCreatedEvent("r-9",
                RuleDefinition.withDefaults("Nasty", SenderCriteria.anyone(), RecipientCriteria.anyone()), 1, "admin",
                T0));
        delivered(17);
        history.sealer.sealAvailable();
        delivered(20);
        history.sealer.sealAvailable();
        assertThat(history.store.checkpoint(20)).isPresent();
        assertThat(history.store.checkpoint(40)).isPresent();
        history.clock.advance(Duration.ofDays(100));
        delivered(10); // 41..50: recent
        history.sealer.sealAvailable();
        history.sealer.checkpointNow();
    }

    private int mails;

    private void delivered(int n) {
        for (int i = 0; i < n; i++) {
            mails++;
            MessageRef ref = new MessageRef("q-" + mails, "<" + mails + "@example.org>", "alice@sender.example",
                    List.of("bob@rcpt.example"), 1000, "192.0.2.10", "node-a");
            history.appendNow(new MessageDeliveredEvent(ref, "mx.rcpt.example", "250 ok", history.clock.instant()));
        }
    }

    @Test
    void segmentsPastRetentionAreArchivedAndTheHotPartStillVerifiesFromTheArchivedSegmentsLastLink() throws Exception {
        oldHistoryThenRecentMail();

        List<ArchivedSegment> archived = archiver.archiveDue("system");

        assertThat(archived).extracting(ArchivedSegment::first, ArchivedSegment::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 20L), org.assertj.core.groups.Tuple.tuple(21L, 40L));
        assertThat(archived.get(0).file()).isEqualTo("bulwark-history-1-20-" + history.store.checkpoint(20)
                .orElseThrow().hash() + ".jsonl.gz");
        assertThat(archived.get(0).removed()).isEqualTo(17); // the key and the two rule events stay
        assertThat(archived.get(1).removed()).isEqualTo(20);
        assertThat(recorded).extracting(ArchiveHistorySegmentCommand::fileSha256)
                .containsExactly(sha256(archiveDir.resolve(archived.get(0).file())),
                        sha256(archiveDir.resolve(archived.get(1).file())));
        // removed by id: the mail of the archived segments is gone, configuration and recent mail stay
        assertThat(history.events().countDocuments(Filters.lte("_id", 40L))).isEqualTo(3);
        assertThat(history.events().countDocuments(Filters.and(Filters.gt("_id", 40L), Filters.lte("_id", 50L))))
                .isEqualTo(10);
        history.sealer.sealAvailable(); // the two archive events are chained like any other

        Verification v = history.verifier.verify(1, null);

        assertThat(v.intact()).as("%s", v).isTrue();
        assertThat(v.archivedUpTo()).isEqualTo(40);
        assertThat(v.events()).isEqualTo(3 + 10 + 2); // kept in the archived part, the hot part, the archive events
        assertThat(history.verifier.verify(41, null).intact()).isTrue();
        // nothing more is due: the recent segment waits
        assertThat(archiver.archiveDue("system")).isEmpty();
    }

    @Test
    void anArchivedSegmentVerifiesOfflineAndATamperedArchiveFailsAtTheEditedEvent() throws Exception {
        oldHistoryThenRecentMail();
        List<ArchivedSegment> archived = archiver.archiveDue("system");
        Path second = archiveDir.resolve(archived.get(1).file());

        TamperEvidenceTest.Result ok = TamperEvidenceTest.offline(second);
        assertThat(ok.status()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("\"intact\" : true").contains("\"from\" : 21").contains("\"to\" : 40")
                .contains("\"events\" : 20").contains("\"checkpoints\" : 1");

        // edit the payload of index 25 inside the file and fix its digest, as a careful forger would
        List<String> lines = gunzip(second);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode node = (ObjectNode) mapper.readTree(lines.get(i));
            if (node.path("globalIndex").asLong() == 25 && node.path("kind").asText().equals("event")) {
                String payload = node.get("payloadJson").asText().replace("mx.rcpt.example", "mx.elsewhere.example");
                node.put("payloadJson", payload).put("payloadSha256", ChainCodec.hex(ChainCodec.sha256(payload)));
                lines.set(i, mapper.writeValueAsString(node));
            }
        }
        Path tampered = dir.resolve("tampered.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tampered))) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }

        TamperEvidenceTest.Result broken = TamperEvidenceTest.offline(tampered);
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.output()).contains("\"globalIndex\" : 25").contains("\"reason\" : \"event-altered\"");
        assertThat(sha256(tampered)).isNotEqualTo(archived.get(1).sha256());
    }

    @Test
    void timeTravelStillShowsTheRulesFromBeforeTheArchivedSegments() {
        oldHistoryThenRecentMail();
        archiver.archiveDue("system");
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(history.engine).build();
        try {
            ConfigurationHistory.ConfigurationAt then = new ConfigurationHistory(eventStore).at(T0.plusSeconds(1));

            assertThat(then.rules()).extracting(r -> r.definition().name()).contains("Nasty");
        } finally {
            eventStore.shutDown();
        }
    }

    @Test
    void anEditedConfigurationEventInsideTheArchivedPartStillFailsTheApiVerificationAtThatEvent() {
        oldHistoryThenRecentMail();
        archiver.archiveDue("system");

        history.edit(3, "payload", "actor", "mallory");

        Verification v = history.verifier.verify(1, null);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenLink().globalIndex()).isEqualTo(3);
        assertThat(v.brokenLink().reason()).isEqualTo("event-altered");
    }

    @Test
    void nothingIsArchivedBeforeTheMailIsPastRetention() {
        history.rotateKey("system");
        delivered(19);
        history.sealer.sealAvailable();
        history.clock.advance(Duration.ofDays(89));

        assertThat(archiver.archiveDue("system")).isEmpty();
        assertThat(recorded).isEmpty();
        assertThat(history.events().countDocuments()).isEqualTo(20);
    }

    @Test
    void aRefusedRecordRemovesNothing() {
        oldHistoryThenRecentMail();
        SegmentArchiver refused = new SegmentArchiver(history.eventLog, history.store, history.export,
                history.events(), RetentionPolicy.of(Map.of(), null), archiveDir, history.clock, command -> {
                    throw new IllegalStateException("another node recorded the segment first");
                });

        assertThatThrownBy(() -> refused.archiveDue("system")).isInstanceOf(IllegalStateException.class);
        assertThat(history.events().countDocuments(Filters.lte("_id", 50L))).isEqualTo(50);
        assertThat(history.store.archivedUpTo()).isZero();
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
    }

    private static String sha256(Path file) throws Exception {
        return ChainCodec.hex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
