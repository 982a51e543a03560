package io.bulwark.scan.antivirus.clamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address syntax, reply parsing, and clamd down or silent: temporary failure, never clean. */
class ClamdCheckTest {

    private static ClamdClient client(String address, Duration read) {
        return new ClamdClient(ClamdAddress.parse(address), Duration.ofSeconds(2), read, Duration.ofSeconds(10), 2,
                8192);
    }

    @Test
    void addressesAreTcpHostPortOrUnixPath() {
        assertThat(ClamdAddress.parse("tcp:127.0.0.1:3310").socket())
                .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 3310));
        assertThat(ClamdAddress.parse("tcp:[::1]:3310").socket())
                .isEqualTo(InetSocketAddress.createUnresolved("::1", 3310));
        assertThat(ClamdAddress.parse("unix:/run/clamav/clamd.ctl").socket())
                .isEqualTo(UnixDomainSocketAddress.of("/run/clamav/clamd.ctl"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:3310", "tcp:127.0.0.1", "tcp:127.0.0.1:0", "tcp::3310", "unix:",
            "tcp:host:99999", "/run/clamav/clamd.ctl"})
    void otherAddressesAreRefusedNamingTheForms(String address) {
        assertThatThrownBy(() -> ClamdAddress.parse(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp:HOST:PORT or unix:PATH");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stream: OK|OK|",
            "stream: Win.Test.EICAR_HDB-1 FOUND|FOUND|Win.Test.EICAR_HDB-1",
            "stream: Heuristics.Encrypted.Zip FOUND|FOUND|Heuristics.Encrypted.Zip",
            "INSTREAM size limit exceeded. ERROR|ERROR|INSTREAM size limit exceeded.",
            "stream: lstat() failed: No such file. ERROR|ERROR|lstat() failed: No such file.",
            "UNKNOWN COMMAND|ERROR|unexpected reply: UNKNOWN COMMAND"})
    void repliesAreOkFoundOrError(String line, ClamdReply.Kind kind, String detail) {
        assertThat(ClamdReply.parse(line)).isEqualTo(new ClamdReply(kind, detail == null ? "" : detail));
    }

    @Test
    void clamdDownIsATemporaryFailureNamingTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ClamdClient c = client("tcp:127.0.0.1:" + port, Duration.ofSeconds(2));
                CheckHarness h = new CheckHarness(new ClamdCheck(c), ScanServices.none())) {
            CheckRun run = h.run(TestMessages.withAttachment("t", "eicar.com", TestMessages.eicar()));
            assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(run.result().reason()).startsWith("clamd at tcp:127.0.0.1:" + port + ": ")
                    .contains("unreachable");
            ModuleVerdict v = h.verdict(TestMessages.plain("t", "hi"));
            assertThat(v.status()).isEqualTo(ScanStatus.ERROR);
            assertThatThrownBy(c::ping).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aClamdThatNeverAnswersTimesOutAsATemporaryFailure() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                ClamdClient c = client("tcp:127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300));
                CheckHarness h = new CheckHarness(new ClamdCheck(c), ScanServices.none())) {
            long started = System.nanoTime();
            CheckRun run = h.run(TestMessages.plain("t", "hello"));
            assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.TEMPORARY_FAILURE);
            assertThat(run.result().reason()).contains("no answer within");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
