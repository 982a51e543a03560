package io.bulwark.scan.contentfilter;

import static io.bulwark.scan.testing.Archives.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.OfficeFiles;
import io.bulwark.scan.testing.TestMessages;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content filtering end to end in the scan module: the check's inventory judged under rule
 * options (names, types in and out of the list, size, archive depth), as decision tables.
 */
class ContentFilterTest {
    private static final ContentFilterCheck CHECK = new ContentFilterCheck();
    private static final CheckHarness HARNESS = new CheckHarness(CHECK, ScanServices.builder()
            .add(ArchiveWalker.class, new StreamingArchiveWalker()).build());
    private static final SymbolRegistry REGISTRY = SymbolRegistry.of(List.of(CHECK), Map.of());

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    private static ModuleSettings rule(String... keyThenValue) {
        ModuleSettings s = ModuleSettings.defaults(ProtectionModule.CONTENT_FILTERING).withEnabled(true);
        for (int i = 0; i < keyThenValue.length; i += 2) {
            s = s.withOption(ModuleOption.byKey(keyThenValue[i]).orElseThrow(), keyThenValue[i + 1]);
        }
        return s;
    }

    private static ModuleVerdict judge(byte[] message, ModuleSettings settings) {
        CheckRun run = HARNESS.run(message);
        return ModuleJudge.judge(ProtectionModule.CONTENT_FILTERING, List.of(run), settings, REGISTRY);
    }

    static Stream<Arguments> table() {
        byte[] pe = Archives.peExecutable();
        byte[] exeInZip = TestMessages.withAttachment("x", "tools.zip", Archives.zip(entries("setup.exe", pe)));
        byte[] renamedExe = TestMessages.withAttachment("x", "holiday.jpg", pe);
        byte[] deep = TestMessages.withAttachment("x", "outer.zip", Archives.zip(entries("mid.zip",
                Archives.zip(entries("inner.zip", Archives.zip(entries("run.exe", pe)))))));
        byte[] pdf = TestMessages.withAttachment("x", "paper.pdf", "%PDF-1.4\n%%EOF\n".getBytes());
        return Stream.of(
                Arguments.of("factory section bans nothing", exeInZip, rule(), ScanStatus.CLEAN, List.of()),
                Arguments.of("banned name inside a zip", exeInZip, rule("banned-names", "*.exe, *.scr"),
                        ScanStatus.FORBIDDEN_NAME, List.of("2")),
                Arguments.of("banned name masks ignore case", TestMessages.withAttachment("x", "SETUP.EXE", pe),
                        rule("banned-names", "*.exe"), ScanStatus.FORBIDDEN_NAME, List.of("2")),
                Arguments.of("names inside archives do not count at depth 0", exeInZip,
                        rule("banned-names", "*.exe", "archive-depth", "0"), ScanStatus.CLEAN, List.of()),
                Arguments.of("depth 2 does not reach the third zip", deep,
                        rule("banned-names", "*.exe", "archive-depth", "2"), ScanStatus.CLEAN, List.of()),
                Arguments.of("depth 3 does", deep, rule("banned-names", "*.exe", "archive-depth", "3"),
                        ScanStatus.FORBIDDEN_NAME, List.of("2")),
                Arguments.of("banned type by real content, whatever the name", renamedExe,
                        rule("banned-types", "executables"), ScanStatus.FORBIDDEN_TYPE, List.of("2")),
                Arguments.of("banned type inside a zip", exeInZip, rule("banned-types", "executables"),
                        ScanStatus.FORBIDDEN_TYPE, List.of("2")),
                Arguments.of("archives banned: the zip itself", exeInZip, rule("banned-types", "archives",
                        "archive-depth", "0"), ScanStatus.FORBIDDEN_TYPE, List.of("2")),
                Arguments.of("a media type in the list", pdf, rule("banned-types", "application/pdf"),
                        ScanStatus.FORBIDDEN_TYPE, List.of("2")),
                Arguments.of("not from list: documents allowed, a PDF passes", pdf,
                        rule("banned-types", "documents", "banned-types-mode", "not-from-list"), ScanStatus.CLEAN,
                        List.of()),
                Arguments.of("not from list: documents allowed, an executable is banned", renamedExe,
                        rule("banned-types", "documents", "banned-types-mode", "not-from-list"),
                        ScanStatus.FORBIDDEN_TYPE, List.of("2")),
                Arguments.of("the body text is no attachment for not-from-list", TestMessages.plain("x", "hello"),
                        rule("banned-types", "documents", "banned-types-mode", "not-from-list"), ScanStatus.CLEAN,
                        List.of()),
                Arguments.of("a macro document is a document", TestMessages.withAttachment("x", "a.doc",
                        OfficeFiles.ole2(true, "")), rule("banned-types", "documents", "archive-depth", "0"),
                        ScanStatus.FORBIDDEN_TYPE, List.of("2")),
                Arguments.of("size within the limit", pdf, rule("max-message-size", "10K"), ScanStatus.CLEAN,
                        List.of()),
                Arguments.of("size over the limit", pdf, rule("max-message-size", "100"), ScanStatus.FORBIDDEN_SIZE,
                        List.of()),
                Arguments.of("encrypted entries are judged by name only", TestMessages.withAttachment("x", "l.zip",
                        TestMessages.encryptedZip("payload.exe", pe)), rule("banned-names", "*.exe"),
                        ScanStatus.FORBIDDEN_NAME, List.of("2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void judgesTheRulesOptions(String name, byte[] message, ModuleSettings settings, ScanStatus expected,
            List<String> parts) {
        ModuleVerdict verdict = judge(message, settings);
        assertThat(verdict.status()).as(name).isEqualTo(expected);
        assertThat(verdict.partPaths()).as(name).isEqualTo(parts);
        if (expected.finding()) {
            assertThat(verdict.reasons()).as(name).isNotEmpty();
        }
    }

    @Test
    void severalViolationsAreAllReportedMostSevereFirst() {
        byte[] message = TestMessages.withAttachment("x", "tools.zip",
                Archives.zip(entries("setup.exe", Archives.peExecutable())));
        ModuleVerdict verdict = judge(message, rule("banned-names", "*.exe", "banned-types", "executables",
                "max-message-size", "64"));
        assertThat(verdict.statuses()).containsExactly(ScanStatus.FORBIDDEN_SIZE, ScanStatus.FORBIDDEN_NAME,
                ScanStatus.FORBIDDEN_TYPE);
        assertThat(verdict.reasons()).contains("banned attachment name (mask *.exe) in part 2 (tools.zip!setup.exe)");
    }

    @Test
    void aBombIsNotScannedUnlessSomethingBannedWasSeenFirst() {
        byte[] bomb = TestMessages.withAttachment("x", "o.zip", Archives.overlappingZip(20, 10_000));
        assertThat(judge(bomb, rule("banned-names", "*.exe")).status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(judge(bomb, rule("banned-names", "kernel")).status()).isEqualTo(ScanStatus.FORBIDDEN_NAME);
    }

    private byte[] corpus(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contentfilter/rspamd-suite/messages/" + file)) {
            return in.readAllBytes();
        }
    }

    static Stream<Arguments> rspamdNames() {
        return Stream.of(
                Arguments.of("zip.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("zip-doublebad.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("bad_ext.dotted_file_name.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("next2last-digits_in_parens.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("next2last-digits_in_brackets.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("next2last-doublebad.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("rar4.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("rar-date-bad-ext.eml", ScanStatus.FORBIDDEN_NAME),
                Arguments.of("f.zip.001.eml", ScanStatus.CLEAN));
    }

    /**
     * rspamd's bad-extension cases (corpus cases 1-8) as a rule banning {@code *.exe},
     * {@code *.scr} and {@code *.msi}: the RAR cases through the names in the RAR headers, case 3
     * (a bzip2 file named {@code файл.scr.xz}) through its unpacked member {@code файл.scr}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rspamdNames")
    void bansRspamdsBadExtensions(String file, ScanStatus expected) throws IOException {
        assertThat(judge(corpus(file), rule("banned-names", "*.exe,*.scr,*.msi")).status()).isEqualTo(expected);
    }

    /** Corpus cases 9 and 10: a zip cloaked in a gzip is an archive in an archive; a .zip.001 volume is not. */
    @Test
    void findsTheArchiveInAnArchiveAsRspamdDoes() throws IOException {
        ContentInventory cloaked = HARNESS.run(corpus("f.zip.gz.eml")).result().detail(ContentInventory.class)
                .orElseThrow();
        ContentInventory volume = HARNESS.run(corpus("f.zip.001.eml")).result().detail(ContentInventory.class)
                .orElseThrow();
        assertThat(cloaked.items()).anySatisfy(i -> {
            assertThat(i.depth()).isEqualTo(1);
            assertThat(i.category()).isEqualTo(FileCategory.ARCHIVES);
            assertThat(i.name()).isEqualTo("f.zip");
        });
        assertThat(volume.items()).noneMatch(i -> i.depth() > 0 && i.category() == FileCategory.ARCHIVES);
    }

    /** Corpus case 11: an allow list ("not from list") lets the ELF executable through; a ban by type does not. */
    @Test
    void theAllowListCaseWorksBothWays() throws IOException {
        byte[] message = corpus("exe_attm.eml");
        assertThat(judge(message, rule("banned-types", "executables")).status()).isEqualTo(ScanStatus.FORBIDDEN_TYPE);
        assertThat(judge(message, rule("banned-types", "executables, other", "banned-types-mode", "not-from-list"))
                .status()).isEqualTo(ScanStatus.CLEAN);
    }
}
