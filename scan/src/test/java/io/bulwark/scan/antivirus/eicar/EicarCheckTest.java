package io.bulwark.scan.antivirus.eicar;

import static io.bulwark.scan.testing.Archives.entries;
import static io.bulwark.scan.testing.TestMessages.eicar;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.archive.ArchiveLimits;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The EICAR test matrix from the project's test-strings notes, built at run time, on the archive walker. */
class EicarCheckTest {
    private static final CheckHarness AV = harness(ArchiveLimits.defaults());

    private static CheckHarness harness(ArchiveLimits limits) {
        return new CheckHarness(new EicarCheck(), ScanServices.builder()
                .add(ArchiveWalker.class, new StreamingArchiveWalker(limits, MimeLimits.defaults())).build());
    }

    @AfterAll
    static void close() {
        AV.close();
    }

    static Stream<Arguments> matrix() {
        byte[] e = eicar();
        byte[] qpPart = ("Content-Type: application/octet-stream; name=eicar.com\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\nContent-Disposition: attachment; filename=eicar.com\r\n\r\n"
                + TestMessages.EICAR.replace("=", "=3D") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("text/plain body", TestMessages.plain("t", TestMessages.EICAR), ScanStatus.INFECTED,
                        List.of("1"), "EICAR test file in part 1"),
                Arguments.of("base64 attachment eicar.com", TestMessages.withAttachment("t", "eicar.com", e),
                        ScanStatus.INFECTED, List.of("2"), "EICAR test file in part 2 (eicar.com)"),
                Arguments.of("quoted-printable attachment",
                        TestMessages.multipart("t", TestMessages.textPart("hi"), new String(qpPart, StandardCharsets.US_ASCII)),
                        ScanStatus.INFECTED, List.of("2"), "EICAR test file in part 2 (eicar.com)"),
                Arguments.of("inside a ZIP", TestMessages.withAttachment("t", "eicar_com.zip", TestMessages.zip("eicar.com", e)),
                        ScanStatus.INFECTED, List.of("2"), "EICAR test file in part 2 (eicar_com.zip!eicar.com)"),
                Arguments.of("ZIP in a ZIP", TestMessages.withAttachment("t", "eicarcom2.zip",
                        TestMessages.zip("eicar_com.zip", TestMessages.zip("eicar.com", e))), ScanStatus.INFECTED,
                        List.of("2"), "EICAR test file in part 2 (eicarcom2.zip!eicar_com.zip!eicar.com)"),
                Arguments.of("inside a tar.gz", TestMessages.withAttachment("t", "e.tar.gz",
                        Archives.gzip(Archives.tar(entries("eicar.com", e)))), ScanStatus.INFECTED, List.of("2"),
                        "EICAR test file in part 2 (e.tar.gz!e.tar!eicar.com)"),
                Arguments.of("inside a 7z", TestMessages.withAttachment("t", "e.7z", Archives.sevenZ(entries("eicar.com", e))),
                        ScanStatus.INFECTED, List.of("2"), "EICAR test file in part 2 (e.7z!eicar.com)"),
                Arguments.of("encrypted ZIP", TestMessages.withAttachment("t", "locked.zip",
                        TestMessages.encryptedZip("eicar.com", e)), ScanStatus.ENCRYPTED, List.of("2"),
                        "encrypted archive entry in part 2 (locked.zip!eicar.com)"),
                Arguments.of("wrong extension", TestMessages.withAttachment("t", "eicar.txt", e), ScanStatus.INFECTED,
                        List.of("2"), "EICAR test file in part 2 (eicar.txt)"),
                Arguments.of("followed by whitespace up to 128 bytes",
                        TestMessages.withAttachment("t", "e.com", (TestMessages.EICAR + " \t\r\n\u001a").getBytes(StandardCharsets.US_ASCII)),
                        ScanStatus.INFECTED, List.of("2"), "EICAR test file in part 2 (e.com)"),
                Arguments.of("split across two MIME parts", TestMessages.multipart("t",
                        TestMessages.textPart(TestMessages.EICAR.substring(0, 30)),
                        TestMessages.textPart(TestMessages.EICAR.substring(30))), ScanStatus.CLEAN, List.of(), null),
                Arguments.of("lowercase copy", TestMessages.plain("t", TestMessages.EICAR.toLowerCase()), ScanStatus.CLEAN,
                        List.of(), null),
                Arguments.of("followed by other text", TestMessages.plain("t", TestMessages.EICAR + " and more text"),
                        ScanStatus.CLEAN, List.of(), null),
                Arguments.of("prefix only", TestMessages.plain("t", TestMessages.EICAR.substring(0, 60)), ScanStatus.CLEAN,
                        List.of(), null),
                Arguments.of("damaged ZIP", TestMessages.withAttachment("t", "broken.zip", Archives.truncatedZip(new byte[4096])),
                        ScanStatus.CORRUPTED, List.of("2"), "damaged zip in part 2 (broken.zip)"),
                Arguments.of("RAR", TestMessages.withAttachment("t", "a.rar", Archives.rarSignature()),
                        ScanStatus.NOT_SCANNED, List.of(), "eicar skipped: not scanned: format (RAR)"),
                Arguments.of("clean message", TestMessages.plain("t", "Hello"), ScanStatus.CLEAN, List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void detectsTheTestFileAsEicarDefinesIt(String name, byte[] message, ScanStatus expected, List<String> parts,
            String reason) {
        ModuleVerdict v = AV.verdict(message);
        assertThat(v.status()).as(v.reasons().toString()).isEqualTo(expected);
        assertThat(v.partPaths()).isEqualTo(parts);
        if (reason == null) {
            assertThat(v.reasons()).isEmpty();
        } else {
            assertThat(v.reasons()).anyMatch(r -> r.startsWith(reason));
        }
    }

    @Test
    void theTestFileIsReportedAsTheSymbolEicarTestFile() {
        CheckRun run = AV.run(TestMessages.withAttachment("t", "eicar.com", eicar()));
        assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.FOUND);
        assertThat(run.symbols()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(EicarCheck.EICAR_TEST_FILE);
            assertThat(s.parts()).containsExactly("2");
        });
    }

    @Test
    void archivesNestedBeyondTheLimitAreNotScanned() {
        byte[] nested = TestMessages.zip("eicar.com", eicar());
        for (int i = 0; i < 4; i++) {
            nested = TestMessages.zip("level" + i + ".zip", nested);
        }
        try (CheckHarness shallow = harness(new ArchiveLimits(3, 1 << 20, 100, 100, 1 << 20))) {
            ModuleVerdict v = shallow.verdict(TestMessages.withAttachment("t", "deep.zip", nested));
            assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(v.reasons()).anyMatch(r -> r.contains("nesting limit"));
        }
    }

    @Test
    void aZipBombStopsAtTheRatioLimit() {
        byte[] bomb = TestMessages.zip("zeros.bin", new byte[20 * 1024 * 1024]);
        ModuleVerdict v = AV.verdict(TestMessages.withAttachment("t", "bomb.zip", bomb));
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(v.reasons()).anyMatch(r -> r.contains("compression ratio limit"));
    }

    @Test
    void aTestFileFoundBeforeALimitIsStillInfected() {
        byte[] bomb = TestMessages.zip("zeros.bin", new byte[20 * 1024 * 1024]);
        byte[] msg = TestMessages.multipart("t", TestMessages.base64Part("eicar.com", eicar()),
                TestMessages.base64Part("bomb.zip", bomb));
        assertThat(AV.verdict(msg).status()).isEqualTo(ScanStatus.INFECTED);
    }

    @Test
    void aParseProblemWithoutFindingIsNotScannedNotClean() {
        MessageView v = new MessageView(List.of(), List.of(), 10, List.of("nesting limit: test"));
        assertThat(AV.verdict(v).status()).isEqualTo(ScanStatus.NOT_SCANNED);
    }
}
