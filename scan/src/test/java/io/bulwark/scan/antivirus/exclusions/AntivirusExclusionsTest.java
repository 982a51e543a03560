package io.bulwark.scan.antivirus.exclusions;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.antivirus.eicar.EicarCheck;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anti-virus exclusions and the maximum object size as a decision table: given a message (EICAR in
 * a zip, beside other attachments) and a rule's options, when the EICAR engine and the attachment
 * catalog have run and the module is judged, then the status, the parts it names and the reasons.
 */
class AntivirusExclusionsTest {
    private static final ScanServices SERVICES = ScanServices.builder()
            .add(ArchiveWalker.class, new StreamingArchiveWalker()).build();
    private static final EicarCheck EICAR = new EicarCheck();
    private static final AttachmentCatalogCheck CATALOG = new AttachmentCatalogCheck();
    private static final CheckHarness EICAR_RUN = new CheckHarness(EICAR, SERVICES);
    private static final CheckHarness CATALOG_RUN = new CheckHarness(CATALOG, SERVICES);
    private static final SymbolRegistry REGISTRY = SymbolRegistry.of(List.of(EICAR, CATALOG), Map.of());

    private static final byte[] EICAR_ZIP = TestMessages.zip("eicar.com", TestMessages.eicar());
    /** EICAR in a zip, part 2. */
    private static final byte[] INFECTED_ZIP = TestMessages.withAttachment("x", "Invoice.ZIP", EICAR_ZIP);
    /** Part 1 a clean text file, part 2 EICAR in a zip. */
    private static final byte[] TWO = TestMessages.multipart("x", TestMessages.base64Part("notes.txt",
            "nothing to see".getBytes()), TestMessages.base64Part("invoice.zip", EICAR_ZIP));
    /** Part 1 EICAR itself named .iso, part 2 EICAR in a zip. */
    private static final byte[] ISO_AND_ZIP = TestMessages.multipart("x", TestMessages.base64Part("disk.iso",
            TestMessages.eicar()), TestMessages.base64Part("invoice.zip", EICAR_ZIP));

    @AfterAll
    static void close() {
        EICAR_RUN.close();
        CATALOG_RUN.close();
    }

    private static ModuleSettings rule(String... keyThenValue) {
        ModuleSettings s = ModuleSettings.defaults(ProtectionModule.ANTI_VIRUS).withEnabled(true);
        for (int i = 0; i < keyThenValue.length; i += 2) {
            s = s.withOption(ModuleOption.byKey(keyThenValue[i]).orElseThrow(), keyThenValue[i + 1]);
        }
        return s;
    }

    private static ModuleVerdict judge(byte[] message, ModuleSettings rule) {
        List<CheckRun> runs = List.of(EICAR_RUN.run(message), CATALOG_RUN.run(message));
        return ModuleJudge.judge(ProtectionModule.ANTI_VIRUS, runs, rule, REGISTRY);
    }

    static Stream<Arguments> table() {
        long zipBytes = EICAR_ZIP.length;
        return Stream.of(
                Arguments.of("factory rule: found", INFECTED_ZIP, rule(), ScanStatus.INFECTED, List.of("2"), null),
                Arguments.of("excluded by a name mask, ignoring case", INFECTED_ZIP, rule("excluded-names", "*.zip"),
                        ScanStatus.NOT_SCANNED, List.of(), "not scanned: excluded (mask *.zip): part 2 (Invoice.ZIP)"),
                Arguments.of("a mask that does not match", INFECTED_ZIP, rule("excluded-names", "*.iso, *.img"),
                        ScanStatus.INFECTED, List.of("2"), null),
                Arguments.of("excluded by real format category", INFECTED_ZIP, rule("excluded-types", "archives"),
                        ScanStatus.NOT_SCANNED, List.of(),
                        "not scanned: excluded (format application/zip, archives): part 2 (Invoice.ZIP)"),
                Arguments.of("excluded by media type", INFECTED_ZIP, rule("excluded-types", "application/zip"),
                        ScanStatus.NOT_SCANNED, List.of(), null),
                Arguments.of("members are not excluded one by one: the zip is no executable", INFECTED_ZIP,
                        rule("excluded-types", "executables"), ScanStatus.INFECTED, List.of("2"), null),
                Arguments.of("over the maximum object size", INFECTED_ZIP, rule("max-object-size",
                        Long.toString(zipBytes - 1)), ScanStatus.NOT_SCANNED, List.of(),
                        "not scanned: size limit: part 2 (Invoice.ZIP) is " + zipBytes + " bytes, over "
                                + (zipBytes - 1)),
                Arguments.of("at the maximum object size", INFECTED_ZIP, rule("max-object-size",
                        Long.toString(zipBytes)), ScanStatus.INFECTED, List.of("2"), null),
                Arguments.of("0 is unlimited", INFECTED_ZIP, rule("max-object-size", "0"), ScanStatus.INFECTED,
                        List.of("2"), null),
                Arguments.of("a clean message with an excluded attachment is not scanned", TWO,
                        rule("excluded-names", "*.txt, *.zip"), ScanStatus.NOT_SCANNED, List.of(),
                        "not scanned: excluded (mask *.txt): part 1 (notes.txt)"),
                Arguments.of("an excluded attachment beside an infected one: infected, naming only that one",
                        ISO_AND_ZIP, rule("excluded-names", "*.iso"), ScanStatus.INFECTED, List.of("2"),
                        "not scanned: excluded (mask *.iso): part 1 (disk.iso)"),
                Arguments.of("nothing excluded and nothing found", TestMessages.withAttachment("x", "a.txt",
                        "hello".getBytes()), rule("excluded-names", "*.iso", "max-object-size", "1M"),
                        ScanStatus.CLEAN, List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void exclusionsAndSizeLimitPerRule(String what, byte[] message, ModuleSettings rule, ScanStatus status,
            List<String> parts, String reason) {
        ModuleVerdict verdict = judge(message, rule);
        assertThat(verdict.status()).as(what).isEqualTo(status);
        assertThat(verdict.partPaths()).as(what).containsExactlyElementsOf(parts);
        if (reason != null) {
            assertThat(verdict.reasons()).as(what).contains(reason);
        }
    }
}
