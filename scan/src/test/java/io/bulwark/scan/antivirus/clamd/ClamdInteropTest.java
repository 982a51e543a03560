package io.bulwark.scan.antivirus.clamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.antivirus.clamd.testing.ClamdProcess;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with Debian's clamav-daemon: the test starts its own clamd with a database it writes
 * (EICAR's published MD5 as an {@code .hdb} line, a marker as an {@code .ndb} pattern) and scans
 * over the Unix socket and over TCP. Skipped only when the clamd binary is absent.
 */
class ClamdInteropTest {
    private static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";
    private static final String MARKER = "bulwark-clamd-marker-7f3a";

    @TempDir
    static Path work;
    private static ClamdProcess clamd;
    private static ClamdClient unix;
    private static CheckHarness av;

    @BeforeAll
    static void startClamd() throws Exception {
        assumeTrue(ClamdProcess.binary().isPresent(), "clamd is not installed (apt-get install clamav-daemon)");
        clamd = ClamdProcess.start(work, Map.of(
                "bulwark-test.hdb", EICAR_MD5 + ":68:Bulwark.Test.EICAR_HDB-1\n",
                "bulwark-test.ndb", "Bulwark.Test.Marker-1:0:*:"
                        + HexFormat.of().formatHex(MARKER.getBytes(StandardCharsets.US_ASCII)) + "\n"),
                "StreamMaxLength 1M");
        unix = client(clamd.unixAddress(), 2);
        av = new CheckHarness(new ClamdCheck(unix), ScanServices.none());
    }

    private static ClamdClient client(String address, int connections) {
        return new ClamdClient(ClamdAddress.parse(address), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(10), connections, 8192);
    }

    @AfterAll
    static void stop() {
        if (av != null) {
            av.close();
            unix.close();
        }
        if (clamd != null) {
            clamd.close();
        }
    }

    @Test
    void clamdAnswersPingAndVersion() throws Exception {
        unix.ping();
        assertThat(unix.version()).startsWith("ClamAV ");
    }

    @Test
    void eicarInAZipInAZipInAMessageIsInfectedWithClamdsSignatureName() {
        byte[] message = TestMessages.multipart("t", TestMessages.textPart("see attached"),
                TestMessages.base64Part("a.zip", TestMessages.zip("b.zip", TestMessages.zip("eicar.com",
                        TestMessages.eicar()))));
        CheckRun run = av.run(message);
        assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.FOUND);
        assertThat(run.symbols()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(ClamdCheck.CLAMD_FOUND);
            assertThat(s.parts()).containsExactly("2");
        });
        ModuleVerdict v = av.verdict(message);
        assertThat(v.status()).isEqualTo(ScanStatus.INFECTED);
        // clamd marks names from databases it does not know as unofficial
        assertThat(v.reasons()).contains("clamd: Bulwark.Test.EICAR_HDB-1.UNOFFICIAL in part 2 (a.zip)");
    }

    @Test
    void anNdbPatternInsideATextPartIsFound() {
        ModuleVerdict v = av.verdict(TestMessages.plain("t", "some text " + MARKER + " more text"));
        assertThat(v.status()).isEqualTo(ScanStatus.INFECTED);
        assertThat(v.reasons()).contains("clamd: Bulwark.Test.Marker-1.UNOFFICIAL in part 1");
    }

    @Test
    void aCleanMessageIsClean() {
        assertThat(av.verdict(TestMessages.withAttachment("t", "a.zip", TestMessages.zip("a.txt",
                "harmless".getBytes(StandardCharsets.US_ASCII)))).status()).isEqualTo(ScanStatus.CLEAN);
    }

    @Test
    void theSameOverTcp() throws Exception {
        try (ClamdClient tcp = client(clamd.tcpAddress(), 1);
                CheckHarness h = new CheckHarness(new ClamdCheck(tcp), ScanServices.none())) {
            tcp.ping();
            assertThat(h.verdict(TestMessages.withAttachment("t", "eicar.com", TestMessages.eicar())).reasons())
                    .contains("clamd: Bulwark.Test.EICAR_HDB-1.UNOFFICIAL in part 2 (eicar.com)");
        }
    }

    @Test
    void oneSessionServesManyScansInTurn() throws Exception {
        try (ClamdClient single = client(clamd.unixAddress(), 1)) {
            for (int i = 0; i < 20; i++) {
                byte[] content = i % 2 == 0 ? TestMessages.eicar() : ("clean " + i).getBytes(StandardCharsets.US_ASCII);
                ClamdReply reply = single.scan(() -> new java.io.ByteArrayInputStream(content));
                assertThat(reply.kind()).isEqualTo(i % 2 == 0 ? ClamdReply.Kind.FOUND : ClamdReply.Kind.OK);
            }
        }
    }

    @Test
    void aPartBeyondClamdsStreamLimitIsNotScannedWithTheReason() {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        ModuleVerdict v = av.verdict(TestMessages.withAttachment("t", "big.bin", big));
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(v.reasons()).anySatisfy(r -> assertThat(r).contains("size limit").contains("part 2 (big.bin)"));
        // and the pool goes on working after clamd closed that session
        assertThat(av.verdict(TestMessages.withAttachment("t", "eicar.com", TestMessages.eicar())).status())
                .isEqualTo(ScanStatus.INFECTED);
    }
}
