package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.serialization.StoreSerializers;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link MessageScannedEvent} stored as revision 2 (before the subject and the attachments were
 * added in revision 3) reads back from a real (embedded) store with every field it had, and with
 * no subject and no attachments; a revision 3 event round-trips its new fields.
 */
class StoredRevisionTwoScanEventTest {

    @TempDir
    Path dir;

    @Test
    void aRevisionTwoScanEventReadsWithItsVerdictsAndRecipientsAndWithoutSubjectOrAttachments() throws Exception {
        JsonNode stored;
        try (InputStream in = getClass().getResourceAsStream("message-scanned-revision-2.json")) {
            stored = StoreSerializers.objectMapper().readTree(in);
        }
        assertThat(stored.get("payload").has("subject")).isFalse();
        MessageScannedEvent revision3 = new MessageScannedEvent(
                StoreSerializers.objectMapper().treeToValue(stored.get("payload"), MessageScannedEvent.class).message()
                        .withRecipients(List.of("dave@rcpt.example")),
                io.bulwark.events.scan.ScanReport.of(), List.of(), false, java.time.Instant.parse("2026-11-21T00:00:00Z"),
                "Gr\u00fc\u00dfe \uD83D\uDE00", List.of(new AttachmentDescription("2", "a.pdf", "application/pdf", 12,
                        "ab".repeat(32))));

        try (StoreConnection connection = StoreConnection.embedded(dir.resolve("store.mv"), false)) {
            try (StoreHarness writer = StoreHarness.on(connection, "bulwark",
                    b -> b.eventSerializer(new AsStoredSerializer(StoreSerializers.jacksonSerializer())))) {
                writer.engine.appendEvents(List.of(
                        new GenericDomainEventMessage<>("Message", "Q2REV", 0, stored),
                        new GenericDomainEventMessage<>("Message", "Q2REV", 1, revision3)));
            }
            try (StoreHarness reader = StoreHarness.on(connection, "bulwark", b -> { })) {
                List<MessageScannedEvent> read = reader.engine.readEvents("Q2REV").asStream()
                        .map(m -> (MessageScannedEvent) m.getPayload()).toList();

                MessageScannedEvent old = read.getFirst();
                assertThat(old.subject()).isNull();
                assertThat(old.attachments()).isEmpty();
                assertThat(old.message().recipients()).containsExactly("bob@rcpt.example", "carol@rcpt.example");
                assertThat(old.message().messageId()).isEqualTo("rev2@sender.example");
                assertThat(old.report().verdicts()).extracting(ModuleVerdict::module, ModuleVerdict::status,
                        ModuleVerdict::score).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, 0.0),
                                org.assertj.core.groups.Tuple.tuple(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM, 1.5));
                assertThat(old.report().verdicts().getFirst().reasons())
                        .containsExactly("EICAR test file in part 2 (eicar.com)");
                assertThat(old.decisions()).singleElement().satisfies(d -> {
                    assertThat(d.applied()).isEqualTo(Action.DELETE_ATTACHMENT);
                    assertThat(d.verdicts()).hasSize(2);
                });

                assertThat(read.get(1)).isEqualTo(revision3);
            }
        }
    }

    @Test
    void theNewRevisionIsWrittenAsThree() {
        assertThat(StoreSerializers.jacksonSerializer().typeForClass(MessageScannedEvent.class).getRevision())
                .isEqualTo("3");
    }
}
