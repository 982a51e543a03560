package io.bulwark.scan.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.testing.Archives;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A part's type is Tika's answer over its first 8 KiB and its name, whether it comes from the
 * node's kept answers, from the part's own hash (small parts) or from a hash of its head (large
 * ones); ADR 0041.
 */
class MessagePartTypeTest {
    private static final FileTypeDetector TIKA = FileTypeDetector.uncached();

    private static byte[] big(byte[] start, int size, byte fill) {
        byte[] out = Arrays.copyOf(start, size);
        Arrays.fill(out, start.length, size, fill);
        return out;
    }

    static Stream<Arguments> parts() {
        byte[] text = ("plain words " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] textThenBinaryPastTheHead = big(text, 3 * FileTypeDetector.HEAD_BYTES, (byte) 'w');
        textThenBinaryPastTheHead[2 * FileTypeDetector.HEAD_BYTES] = 0;
        return Stream.of(
                Arguments.of("small PDF", ("%PDF-1.7\n% " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII),
                        "a.pdf", FileCategory.DOCUMENTS),
                Arguments.of("executable named as a PDF", Archives.peExecutable(), "invoice.pdf",
                        FileCategory.EXECUTABLES),
                Arguments.of("large executable named as a PDF", big(Archives.peExecutable(),
                        4 * FileTypeDetector.HEAD_BYTES, (byte) 0), "invoice.pdf", FileCategory.EXECUTABLES),
                Arguments.of("text whose binary byte is past the head", textThenBinaryPastTheHead, "notes.txt",
                        FileCategory.OTHER),
                Arguments.of("text named as a batch file, no name", text, null, FileCategory.OTHER),
                Arguments.of("empty", new byte[0], "x.bin", FileCategory.OTHER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void aPartsTypeIsTikasAnswerOverItsHeadAndName(String row, byte[] content, String name, FileCategory category) {
        MessagePart part = new MessagePart("2", "application/octet-stream", null, name, true, content, false);
        MessagePart again = new MessagePart("3", "application/octet-stream", null, name, true, content, false);
        byte[] head = Arrays.copyOf(content, Math.min(content.length, FileTypeDetector.HEAD_BYTES));

        assertThat(part.type()).as(row).isEqualTo(TIKA.detect(head, name)).isEqualTo(again.type());
        assertThat(part.type().category()).as(row).isEqualTo(category);
        assertThat(part.sha256()).as(row).isEqualTo(FileTypeDetector.sha256(content, content.length));
    }
}
