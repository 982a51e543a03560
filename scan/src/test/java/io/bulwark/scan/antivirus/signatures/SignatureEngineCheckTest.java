package io.bulwark.scan.antivirus.signatures;

import static io.bulwark.scan.antivirus.signatures.TestDatabases.EICAR_MD5;
import static io.bulwark.scan.antivirus.signatures.TestDatabases.EICAR_NDB;
import static io.bulwark.scan.testing.Archives.entries;
import static io.bulwark.scan.testing.TestMessages.eicar;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.antivirus.LeafEngineCheck;
import io.bulwark.scan.archive.ArchiveLimits;
import io.bulwark.scan.archive.ArchiveWalker;
import io.bulwark.scan.archive.StreamingArchiveWalker;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in engine as an anti-virus check over the archive walker: its test table with a
 * database the test writes (EICAR's published MD5 as an {@code .hdb} line, an {@code .ndb}
 * pattern, and an ELF-only pattern).
 */
class SignatureEngineCheckTest {
    @TempDir
    static Path databases;
    private static SignatureEngine engine;
    private static CheckHarness av;

    private static final byte[] ELF_MARKED = ("\u007fELF....bulwark-elf-marker....").getBytes(StandardCharsets.ISO_8859_1);

    @BeforeAll
    static void load() throws IOException {
        Files.writeString(databases.resolve("test.hdb"), EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        Files.writeString(databases.resolve("test.ndb"), EICAR_NDB + "\nElf.Only:6:*:"
                + java.util.HexFormat.of().formatHex("bulwark-elf-marker".getBytes(StandardCharsets.US_ASCII)) + "\n");
        engine = new SignatureEngine(databases, Duration.ZERO, 1 << 20);
        av = harness(engine, ArchiveLimits.defaults());
    }

    private static CheckHarness harness(SignatureEngine e, ArchiveLimits limits) {
        return new CheckHarness(new LeafEngineCheck("signatures", e), ScanServices.builder()
                .add(ArchiveWalker.class, new StreamingArchiveWalker(limits, MimeLimits.defaults())).build());
    }

    @AfterAll
    static void close() {
        av.close();
        engine.close();
    }

    static Stream<Arguments> table() {
        byte[] e = eicar();
        String both = "Win.Test.EICAR_HDB-1";
        return Stream.of(
                Arguments.of("attachment", TestMessages.withAttachment("t", "eicar.com", e), ScanStatus.INFECTED,
                        List.of("signatures: Win.Test.EICAR_HDB-1 in part 2 (eicar.com)",
                                "signatures: Test.EICAR_NDB-1 in part 2 (eicar.com)")),
                Arguments.of("zip in a zip in a message", TestMessages.withAttachment("t", "a.zip",
                        TestMessages.zip("b.zip", TestMessages.zip("b.exe", e))), ScanStatus.INFECTED,
                        List.of("signatures: " + both + " in part 2 (a.zip!b.zip!b.exe)",
                                "signatures: Test.EICAR_NDB-1 in part 2 (a.zip!b.zip!b.exe)")),
                Arguments.of("body pattern inside a longer text part (the hash does not match)",
                        TestMessages.plain("t", "hello " + TestMessages.EICAR + " bye"), ScanStatus.INFECTED,
                        List.of("signatures: Test.EICAR_NDB-1 in part 1")),
                Arguments.of("inside a tar.gz", TestMessages.withAttachment("t", "e.tgz",
                        Archives.gzip(Archives.tar(entries("x/eicar.com", e)))), ScanStatus.INFECTED,
                        List.of("signatures: " + both + " in part 2 (e.tgz!e.tar!x/eicar.com)",
                                "signatures: Test.EICAR_NDB-1 in part 2 (e.tgz!e.tar!x/eicar.com)")),
                Arguments.of("ELF-only pattern in an ELF", TestMessages.withAttachment("t", "tool", ELF_MARKED),
                        ScanStatus.INFECTED, List.of("signatures: Elf.Only in part 2 (tool)")),
                Arguments.of("ELF-only pattern in a text file", TestMessages.plain("t", "bulwark-elf-marker"),
                        ScanStatus.CLEAN, List.of()),
                Arguments.of("encrypted zip", TestMessages.withAttachment("t", "locked.zip",
                        TestMessages.encryptedZip("eicar.com", e)), ScanStatus.ENCRYPTED, List.of()),
                Arguments.of("RAR is not scanned", TestMessages.withAttachment("t", "a.rar", Archives.rarSignature()),
                        ScanStatus.NOT_SCANNED, List.of()),
                Arguments.of("clean", TestMessages.withAttachment("t", "a.zip", TestMessages.zip("a.txt",
                        "harmless".getBytes(StandardCharsets.US_ASCII))), ScanStatus.CLEAN, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void findsTheSignaturesOfTheTestDatabase(String what, byte[] message, ScanStatus expected, List<String> reasons) {
        ModuleVerdict v = av.verdict(message);
        assertThat(v.status()).as(v.reasons().toString()).isEqualTo(expected);
        for (String r : reasons) {
            assertThat(v.reasons()).contains(r);
        }
    }

    @Test
    void eachDetectionIsASymbolOfThisEngineAboutItsPart() {
        CheckRun run = av.run(TestMessages.multipart("t", TestMessages.textPart("hi"),
                TestMessages.base64Part("a.zip", TestMessages.zip("b.exe", eicar()))));
        assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.FOUND);
        assertThat(run.symbols()).hasSize(2).allSatisfy(s -> {
            assertThat(s.name()).isEqualTo("AV_SIGNATURES_FOUND");
            assertThat(s.parts()).containsExactly("2");
        });
    }

    @Test
    void aLineAddedToTheDirectoryIsDetectedAfterTheReloadWithItsName(@TempDir Path dir) throws IOException {
        byte[] sample = "a sample that no signature knows yet".getBytes(StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("local.hdb"), EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        try (SignatureEngine live = new SignatureEngine(dir, Duration.ZERO, 1 << 20);
                CheckHarness h = harness(live, ArchiveLimits.defaults())) {
            byte[] message = TestMessages.withAttachment("t", "sample.bin", sample);
            assertThat(h.verdict(message).status()).isEqualTo(ScanStatus.CLEAN);
            assertThat(live.reloadIfChanged()).isFalse();

            Path file = dir.resolve("local.hdb");
            Files.writeString(file, TestDatabases.hex("MD5", sample) + ":" + sample.length + ":Local.Sample-1\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(live.reloadIfChanged()).isTrue();

            ModuleVerdict v = h.verdict(message);
            assertThat(v.status()).isEqualTo(ScanStatus.INFECTED);
            assertThat(v.reasons()).contains("signatures: Local.Sample-1 in part 2 (sample.bin)");
        }
    }

    @Test
    void theReloadingThreadPicksUpAChangeWithoutBeingAsked(@TempDir Path dir) throws IOException {
        try (SignatureEngine live = new SignatureEngine(dir, Duration.ofMillis(50), 1 << 20)) {
            assertThat(live.database().isEmpty()).isTrue();
            Files.writeString(dir.resolve("new.hdb"), EICAR_MD5 + ":68:Arrived.Later\n");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> live.database().report().hashSignatures() == 1);
        }
    }

    @Test
    void aBrokenUpdateDoesNotReplaceAGoodDatabase(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("local.hdb"), EICAR_MD5 + ":68:Good.Sig\n");
        try (SignatureEngine live = new SignatureEngine(dir, Duration.ZERO, 1 << 20)) {
            Files.write(dir.resolve("daily.cvd"), TestDatabases.container(3, entries(
                    "daily.hdb", "x".getBytes(StandardCharsets.US_ASCII)), true, true));
            assertThat(live.reloadIfChanged()).isFalse();
            assertThat(live.database().report().hashSignatures()).isEqualTo(1);
            assertThat(live.database().report().errors()).isEmpty();
        }
    }

    @Test
    void anEmptyDirectoryIsADatabaseErrorNotClean(@TempDir Path dir) {
        try (SignatureEngine none = new SignatureEngine(dir, Duration.ZERO, 1 << 20);
                CheckHarness h = harness(none, ArchiveLimits.defaults())) {
            CheckRun run = h.run(TestMessages.plain("t", "hello"));
            assertThat(run.result().outcome()).isEqualTo(CheckOutcomeKind.FAILED);
            assertThat(run.result().reason()).startsWith("signatures: no signatures loaded from ");
            assertThat(h.verdict(TestMessages.plain("t", "hello")).status()).isEqualTo(ScanStatus.ERROR);
        }
    }

    @Test
    void aZipBombEndsAsNotScannedByTheWalkersLimit() {
        byte[] bomb = TestMessages.zip("zeros.bin", new byte[20 * 1024 * 1024]);
        ModuleVerdict v = av.verdict(TestMessages.withAttachment("t", "bomb.zip", bomb));
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(v.reasons()).anyMatch(r -> r.contains("compression ratio limit"));
    }
}
