package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;

import static io.bulwark.gateway.scan.TestMessages.eicar;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The EICAR test matrix from the project's test-strings notes, built at run time. */
class EicarAntiVirusTest {
    private static final Envelope ENV = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.1", "mx");
    private static final EicarAntiVirus AV = new EicarAntiVirus(EicarAntiVirus.Limits.defaults());

    static Stream<Arguments> matrix() {
        byte[] e = eicar();
        byte[] qpPart = ("Content-Type: application/octet-stream; name=eicar.com\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\nContent-Disposition: attachment; filename=eicar.com\r\n\r\n"
                + TestMessages.EICAR.replace("=", "=3D") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("text/plain body", TestMessages.plain("t", TestMessages.EICAR), ScanStatus.INFECTED, List.of("1")),
                Arguments.of("base64 attachment eicar.com", TestMessages.withAttachment("t", "eicar.com", e),
                        ScanStatus.INFECTED, List.of("2")),
                Arguments.of("quoted-printable attachment",
                        TestMessages.multipart("t", TestMessages.textPart("hi"), new String(qpPart, StandardCharsets.US_ASCII)),
                        ScanStatus.INFECTED, List.of("2")),
                Arguments.of("inside a ZIP", TestMessages.withAttachment("t", "eicar_com.zip", TestMessages.zip("eicar.com", e)),
                        ScanStatus.INFECTED, List.of("2")),
                Arguments.of("ZIP in a ZIP", TestMessages.withAttachment("t", "eicarcom2.zip",
                        TestMessages.zip("eicar_com.zip", TestMessages.zip("eicar.com", e))), ScanStatus.INFECTED, List.of("2")),
                Arguments.of("encrypted ZIP", TestMessages.withAttachment("t", "locked.zip",
                        TestMessages.encryptedZip("eicar.com", e)), ScanStatus.ENCRYPTED, List.of("2")),
                Arguments.of("wrong extension", TestMessages.withAttachment("t", "eicar.txt", e), ScanStatus.INFECTED, List.of("2")),
                Arguments.of("followed by whitespace up to 128 bytes",
                        TestMessages.withAttachment("t", "e.com", (TestMessages.EICAR + " \t\r\n\u001a").getBytes(StandardCharsets.US_ASCII)),
                        ScanStatus.INFECTED, List.of("2")),
                Arguments.of("RFC 2231 file name, octet-stream", TestMessages.multipart("t",
                        "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                                + "Content-Disposition: attachment; filename*=UTF-8''%C3%A9icar.com\r\n\r\n"
                                + java.util.Base64.getEncoder().encodeToString(e) + "\r\n"), ScanStatus.INFECTED, List.of("1")),
                Arguments.of("split across two MIME parts", TestMessages.multipart("t",
                        TestMessages.textPart(TestMessages.EICAR.substring(0, 30)),
                        TestMessages.textPart(TestMessages.EICAR.substring(30))), ScanStatus.CLEAN, List.of()),
                Arguments.of("lowercase copy", TestMessages.plain("t", TestMessages.EICAR.toLowerCase()), ScanStatus.CLEAN, List.of()),
                Arguments.of("followed by other text", TestMessages.plain("t", TestMessages.EICAR + " and more text"),
                        ScanStatus.CLEAN, List.of()),
                Arguments.of("prefix only", TestMessages.plain("t", TestMessages.EICAR.substring(0, 60)), ScanStatus.CLEAN, List.of()),
                Arguments.of("damaged ZIP", TestMessages.withAttachment("t", "broken.zip", damagedZip()),
                        ScanStatus.CORRUPTED, List.of("2")),
                Arguments.of("clean message", TestMessages.plain("t", "Hello"), ScanStatus.CLEAN, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void detectsTheTestFileAsEicarDefinesIt(String name, byte[] message, ScanStatus expected, List<String> parts)
            throws Exception {
        ModuleVerdict v = AV.scan(new MessageViewParser().parse(message), ENV);
        assertThat(v.status()).as(v.reasons().toString()).isEqualTo(expected);
        assertThat(v.partPaths()).isEqualTo(parts);
        if (expected != ScanStatus.CLEAN) {
            assertThat(v.reasons()).isNotEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void archivesNestedBeyondTheLimitAreNotScanned() throws Exception {
        byte[] nested = TestMessages.zip("eicar.com", eicar());
        for (int i = 0; i < 4; i++) {
            nested = TestMessages.zip("level" + i + ".zip", nested);
        }
        EicarAntiVirus shallow = new EicarAntiVirus(new EicarAntiVirus.Limits(3, 1 << 20, 100, 100, Duration.ofSeconds(5)));
        ModuleVerdict v = shallow.scan(new MessageViewParser().parse(TestMessages.withAttachment("t", "deep.zip", nested)), ENV);
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("nesting limit"));
    }

    @org.junit.jupiter.api.Test
    void aZipBombStopsAtTheRatioLimit() throws Exception {
        byte[] bomb = TestMessages.zip("zeros.bin", new byte[20 * 1024 * 1024]);
        ModuleVerdict v = AV.scan(new MessageViewParser().parse(TestMessages.withAttachment("t", "bomb.zip", bomb)), ENV);
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("compression ratio limit"));
    }

    @org.junit.jupiter.api.Test
    void unpackedBytesBeyondTheSizeLimitAreNotScanned() throws Exception {
        byte[] random = new byte[300_000];
        new java.util.Random(1).nextBytes(random);
        EicarAntiVirus small = new EicarAntiVirus(new EicarAntiVirus.Limits(5, 100_000, 1000, 100, Duration.ofSeconds(5)));
        ModuleVerdict v = small.scan(new MessageViewParser().parse(
                TestMessages.withAttachment("t", "big.zip", TestMessages.zip("r.bin", random))), ENV);
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("size limit"));
    }

    @org.junit.jupiter.api.Test
    void aParseProblemWithoutFindingIsNotScannedNotClean() throws Exception {
        MessageView v = new MessageView(List.of(), List.of(), 10, List.of("nesting limit: test"));
        assertThat(AV.scan(v, ENV).status()).isEqualTo(ScanStatus.NOT_SCANNED);
    }

    private static byte[] damagedZip() {
        byte[] z = TestMessages.zip("a.txt", "hello hello hello hello".getBytes());
        z[8] = 99; // compression method: unknown
        return z;
    }
}
