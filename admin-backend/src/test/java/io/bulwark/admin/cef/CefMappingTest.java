package io.bulwark.admin.cef;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.bulwark.admin.cef.mapping.StandardCefMappings;
import io.bulwark.events.EventRevision;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericEventMessage;
import io.bulwark.events.scan.MessageScannedEvent;
import org.junit.jupiter.api.Test;

/**
 * The mapping table: it covers every event type, every record we emit parses back strictly with
 * the header and labels right, and docs/cef.md documents every class id.
 */
class CefMappingTest {
    private final CefMappingTable table = StandardCefMappings.table();
    private final CefFormatter formatter = new CefFormatter("0.1.0");

    @Test
    void everyEventTypeOfTheEventsModuleIsMappedOrDeliberatelyExcluded() {
        Set<String> gaps = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bulwark.events")) {
            if (type.isAnnotatedWith(EventRevision.class) && !table.covers(type.reflect())) {
                gaps.add(type.getName());
            }
        }
        assertThat(gaps).as("event types without a CEF mapping or exclusion (docs/cef.md, Adding a mapping)")
                .isEmpty();
    }

    @Test
    void everyMappedTypeHasASampleAndEverySampleGivesOneRecordThatParsesBackStrictly() {
        List<Object> samples = SampleCefEvents.all();
        assertThat(samples.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsAll(table.mappedTypes());
        for (Object sample : samples) {
            CefMappingTable.Mapped mapped = table.map(sample).orElseThrow(() -> new AssertionError(
                    "no record for " + sample.getClass()));
            String line = formatter.format(mapped.record());
            StrictCefParser.Parsed parsed = StrictCefParser.parse(line);
            assertThat(parsed.vendor()).isEqualTo("Bulwark");
            assertThat(parsed.product()).isEqualTo("Bulwark");
            assertThat(parsed.deviceVersion()).isEqualTo("0.1.0");
            assertThat(parsed.classId()).isEqualTo(mapped.record().classId()).matches("BW_(EV|AUDIT)_[A-Z0-9_]+");
            assertThat(parsed.name()).isEqualTo(mapped.record().name());
            assertThat(parsed.severity()).isEqualTo(mapped.record().severity());
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            mapped.record().extension().forEach((k, v) -> expected.put(k, CefFormatter.truncate(
                    v.replace("\r\n", "\n").strip(), CefFormatter.maxLength(k))));
            assertThat(parsed.extension()).as(line).isEqualTo(expected);
            assertThat(line).doesNotContain("$2a$10$secret");
        }
    }

    @Test
    void aScannedMessageGivesOneRecordWithEveryModuleStatusTheFinalActionAndTheMessageFacts() {
        CefMappingTable.Mapped mapped = table.map(SampleCefEvents.scanned()).orElseThrow();
        assertThat(mapped.group()).isEqualTo(CefGroup.SCAN_LOGIC);
        StrictCefParser.Parsed parsed = StrictCefParser.parse(formatter.format(mapped.record()));
        assertThat(parsed.classId()).isEqualTo("BW_EV_SCAN_LOGIC_MESSAGE_PROCESSED");
        assertThat(parsed.severity()).isEqualTo(8);
        assertThat(parsed.extension())
                .containsEntry("src", "192.0.2.10")
                .containsEntry("suser", "alice@sender.example")
                .containsEntry("duser", "bob@rcpt.example,carol@rcpt.example")
                .containsEntry("cs1Label", "MessageId").containsEntry("cs1", "<id=1@example.org>")
                .containsEntry("act", "AttachmentsDeleted")
                .containsEntry("outcome", "INFECTED")
                .containsEntry("cs2Label", "Rules").containsEntry("cs2", "Default")
                .containsEntry("BulwarkAvStatus", "INFECTED")
                .containsEntry("BulwarkAsStatus", "NOT_SPAM")
                .containsEntry("BulwarkMaStatus", "SPF_FAIL,DKIM_FAIL")
                .containsEntry("BulwarkBackupResult", "Stored")
                .containsEntry("fsize", "1234");
        assertThat(parsed.extension().get("reason")).contains("EICAR test file", "(a=b)", "\nline two");
        // revision 3: the subject and the attachments
        assertThat(parsed.extension())
                .containsEntry("BulwarkMessageSubject", SampleCefEvents.SUBJECT)
                .containsEntry("fname", SampleCefEvents.NASTY.replace('\n', ' ') + ",b.pdf,d.zip,huge.iso")
                .containsEntry("fileHash", "1".repeat(64) + "," + "2".repeat(64) + "," + "3".repeat(64))
                .containsEntry("BulwarkFileHashes", String.join(",", "1".repeat(64), "2".repeat(64), "3".repeat(64),
                        "4".repeat(64)))
                .containsEntry("BulwarkMessageHashType", "SHA256");
    }

    @Test
    void aScannedMessageOfRevisionTwoHasNoSubjectOrFileKeys() {
        MessageScannedEvent full = SampleCefEvents.scanned();
        MessageScannedEvent old = new MessageScannedEvent(full.message(), full.report(), full.decisions(),
                full.dataRejected(), full.at());
        StrictCefParser.Parsed parsed = StrictCefParser.parse(formatter.format(table.map(old).orElseThrow().record()));
        assertThat(parsed.extension()).doesNotContainKeys("BulwarkMessageSubject", "fname", "fileHash",
                "BulwarkFileHashes", "BulwarkMessageHashType").containsEntry("BulwarkAvStatus", "INFECTED");
    }

    @Test
    void theExporterAddsTimeEventIdAndNodeToEveryRecord() {
        CefExporter exporter = new CefExporter(table, formatter, null, null, null, "node-z");
        CefRecord record = table.map(SampleCefEvents.all().getFirst()).orElseThrow().record();
        CefRecord complete = exporter.complete(record, GenericEventMessage.asEventMessage(SampleCefEvents.all()
                .getFirst()));
        assertThat(complete.extension()).containsEntry("rt", Long.toString(SampleCefEvents.T0.toEpochMilli()))
                .containsEntry("dvchost", "node-z").containsKey("externalId");
        assertThat(complete.extension().keySet().iterator().next()).isEqualTo("rt");
    }

    @Test
    void docsCefMdDocumentsEveryClassIdAndEveryExclusion() throws IOException, IllegalAccessException {
        String docs = Files.readString(Path.of("..", "docs", "cef.md"));
        List<String> missing = new ArrayList<>();
        for (CefMappingTable.GroupMapper mapper : StandardCefMappings.mappers()) {
            for (Field field : mapper.getClass().getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    String classId = (String) field.get(null);
                    if (!docs.contains("`" + classId + "`")) {
                        missing.add(classId);
                    }
                }
            }
        }
        table.exclusions().keySet().forEach(type -> {
            if (!docs.contains("`" + type.getSimpleName() + "`")) {
                missing.add(type.getSimpleName());
            }
        });
        assertThat(missing).as("class ids and excluded events missing from docs/cef.md").isEmpty();
    }
}
