package io.bulwark.scan.filetype;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.ModuleOption;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.OfficeFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real types by content: the bytes decide, the name only refines. */
class FileTypeDetectorTest {
    private static final FileTypeDetector DETECTOR = FileTypeDetector.shared();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> table() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        return Stream.of(
                Arguments.of("PE executable", Archives.peExecutable(), "setup.exe", FileCategory.EXECUTABLES),
                Arguments.of("PE executable named as a PDF", Archives.peExecutable(), "invoice.pdf",
                        FileCategory.EXECUTABLES),
                Arguments.of("ELF", Arrays.copyOf(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, 64), "tool",
                        FileCategory.EXECUTABLES),
                Arguments.of("PDF", ascii("%PDF-1.7\n"), "a.pdf", FileCategory.DOCUMENTS),
                Arguments.of("PDF named .txt is still a PDF", ascii("%PDF-1.7\n"), "a.txt", FileCategory.DOCUMENTS),
                Arguments.of("OLE2 Word file", OfficeFiles.ole2(false, "x"), "a.doc", FileCategory.DOCUMENTS),
                Arguments.of("zip", Archives.zip(Archives.entries("a.txt", "a")), "a.zip", FileCategory.ARCHIVES),
                Arguments.of("gzip", Archives.gzip(ascii("x")), "a.gz", FileCategory.ARCHIVES),
                Arguments.of("7z", Archives.sevenZ(Archives.entries("a", "b")), "a.7z", FileCategory.ARCHIVES),
                Arguments.of("RAR", Archives.rarSignature(), "a.rar", FileCategory.ARCHIVES),
                Arguments.of("PNG named .exe is an image", png, "a.exe", FileCategory.IMAGES),
                Arguments.of("MP3 with an ID3 tag", ascii("ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000"), "a.mp3",
                        FileCategory.MULTIMEDIA),
                Arguments.of("SQLite", ascii("SQLite format 3\u0000"), "a.db", FileCategory.DATABASES),
                Arguments.of("HTML", ascii("<!DOCTYPE html><html><body>x</body></html>"), "a.htm", FileCategory.OTHER),
                Arguments.of("text named as a batch file is a script", ascii("@echo off\r\ndel *.*\r\n"), "run.bat",
                        FileCategory.EXECUTABLES),
                Arguments.of("plain text", ascii("hello world\n"), "notes.txt", FileCategory.OTHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void categorisesByContent(String name, byte[] head, String fileName, FileCategory expected) {
        assertThat(DETECTOR.detect(head, fileName).category()).as(name).isEqualTo(expected);
    }

    @Test
    void theRuleOptionWordsAreTheCategories() {
        assertThat(Arrays.stream(FileCategory.values()).map(FileCategory::key).toList())
                .isEqualTo(ModuleOption.CATEGORIES);
    }

    // --- the node's cache of Tika's answers (ADR 0041): same answers, fewer magic passes ---

    private static final FileTypeDetector TIKA = FileTypeDetector.uncached();

    /** Content no other test has shown the shared detector, so that its first detection is a miss. */
    private static byte[] fresh(String text) {
        return ascii(text + " " + java.util.UUID.randomUUID() + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theKeptAnswerIsTikasAnswer(String name, byte[] head, String fileName, FileCategory expected) {
        FileType first = DETECTOR.detect(head, fileName);
        assertThat(DETECTOR.detect(head, fileName)).as(name).isEqualTo(first).isEqualTo(TIKA.detect(head, fileName));
        assertThat(DETECTOR.detect(head, null)).as(name).isEqualTo(TIKA.detect(head, null));
        assertThat(DETECTOR.byName(fileName)).as(name).isEqualTo(TIKA.byName(fileName));
    }

    @Test
    void theContentDecidesWhenTheSameNameCameBeforeWithOtherContent() {
        byte[] pdf = ascii("%PDF-1.7\n% " + java.util.UUID.randomUUID() + "\n");
        assertThat(DETECTOR.detect(pdf, "invoice.pdf").mediaType()).isEqualTo("application/pdf");
        assertThat(DETECTOR.detect(Archives.peExecutable(), "invoice.pdf").category())
                .isEqualTo(FileCategory.EXECUTABLES);
        assertThat(DETECTOR.detect(pdf, "invoice.pdf").mediaType()).isEqualTo("application/pdf");
    }

    @Test
    void theSameContentUnderAnotherNameRunsNoSecondMagicPass() {
        byte[] script = fresh("@echo off\r\ndel *.*\r\nrem");
        long before = DETECTOR.magicPasses();
        FileType asText = DETECTOR.detect(script, "notes.txt");
        FileType asBatch = DETECTOR.detect(script, "run.bat");
        assertThat(DETECTOR.magicPasses() - before).isEqualTo(1);
        assertThat(asText).isEqualTo(TIKA.detect(script, "notes.txt"));
        assertThat(asBatch).isEqualTo(TIKA.detect(script, "run.bat")).extracting(FileType::category)
                .isEqualTo(FileCategory.EXECUTABLES);
    }

    @Test
    void contentIsKeptByItsHeadOnly() {
        byte[] head = Arrays.copyOf(fresh("plain words"), FileTypeDetector.HEAD_BYTES);
        Arrays.fill(head, 60, head.length, (byte) 'x');
        byte[] longer = Arrays.copyOf(head, FileTypeDetector.HEAD_BYTES + 100);
        byte[] otherTail = longer.clone();
        otherTail[FileTypeDetector.HEAD_BYTES + 50] = 0;
        byte[] otherLastHeadByte = head.clone();
        otherLastHeadByte[FileTypeDetector.HEAD_BYTES - 1] = 0;
        long before = DETECTOR.magicPasses();
        FileType type = DETECTOR.detect(longer, "a");
        assertThat(DETECTOR.detect(otherTail, "a")).isEqualTo(type).isEqualTo(DETECTOR.detect(head, "a"));
        assertThat(DETECTOR.magicPasses() - before).isEqualTo(1);
        // another last head byte is other content: a new key, Tika's own answer
        assertThat(DETECTOR.detect(otherLastHeadByte, "a")).isEqualTo(TIKA.detect(otherLastHeadByte, "a"));
        assertThat(DETECTOR.magicPasses() - before).isEqualTo(2);
    }

    @Test
    void aCallerThatHasTheHashOfTheHeadGetsTheSameAnswerWithoutACopy() throws Exception {
        byte[] content = fresh("%!PS-Adobe-3.0 or not");
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(content));
        byte[] padded = Arrays.copyOf(content, content.length + 10);
        assertThat(DETECTOR.detect(padded, content.length, sha256, "x.ps")).isEqualTo(TIKA.detect(content, "x.ps"));
        assertThat(DETECTOR.detect(padded, content.length, null, "x.ps")).isEqualTo(TIKA.detect(content, "x.ps"));
    }
}
