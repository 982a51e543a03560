package io.bulwark.scan.archive;

import static io.bulwark.scan.testing.Archives.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.antivirus.eicar.EicarCheck;
import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walker against archive bombs (nested 42.zip-style, overlapping entries) and the types it
 * stamps on leaves and containers. Every bomb is generated here, small on the wire.
 */
class ArchiveBombAndTypeTest {

    private static WalkReport walk(byte[] message, ArchiveLimits limits, List<Leaf> leaves, List<Leaf> containers)
            throws IOException {
        return new StreamingArchiveWalker(limits, MimeLimits.defaults()).walk(new MessageViewParser().parse(message),
                new LeafVisitor() {
                    @Override
                    public boolean visit(Leaf leaf) throws IOException {
                        leaf.content().transferTo(java.io.OutputStream.nullOutputStream());
                        leaves.add(leaf);
                        return true;
                    }

                    @Override
                    public boolean container(Leaf container) {
                        containers.add(container);
                        return true;
                    }
                });
    }

    @Test
    void aNestedZipBombEndsAtTheRatioLimitQuicklyAndSmall() throws IOException {
        byte[] bomb = Archives.nestedBomb(4, 16, 4 * 1024 * 1024);
        assertThat(bomb.length).as("small on the wire").isLessThan(200_000);
        long start = System.nanoTime();
        WalkReport report = walk(TestMessages.withAttachment("bomb", "42.zip", bomb), ArchiveLimits.defaults(),
                new ArrayList<>(), new ArrayList<>());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(report.of(WalkReport.Kind.LIMIT)).singleElement().satisfies(n ->
                assertThat(n.reason()).startsWith("compression ratio limit: part 2 (42.zip!l3_0.zip!l2_0.zip!l1_0.zip"));
    }

    @Test
    void withoutTheRatioLimitTheSameBombEndsAtTheSizeLimit() throws IOException {
        byte[] bomb = Archives.nestedBomb(4, 16, 4 * 1024 * 1024);
        ArchiveLimits noRatio = new ArchiveLimits(32, 50L * 1024 * 1024, Long.MAX_VALUE, 10_000, 1024 * 1024);
        WalkReport report = walk(TestMessages.withAttachment("bomb", "42.zip", bomb), noRatio, new ArrayList<>(),
                new ArrayList<>());
        assertThat(report.of(WalkReport.Kind.LIMIT)).singleElement().satisfies(n ->
                assertThat(n.reason()).startsWith("size limit: more than 52428800 bytes unpacked"));
    }

    @Test
    void anOverlappingEntryZipIsALimitNotAFewInnocentLeaves() throws IOException {
        byte[] zip = Archives.overlappingZip(50, 100_000);
        List<Leaf> leaves = new ArrayList<>();
        WalkReport report = walk(TestMessages.withAttachment("overlap", "o.zip", zip), ArchiveLimits.defaults(),
                leaves, new ArrayList<>());
        assertThat(report.of(WalkReport.Kind.LIMIT)).singleElement().satisfies(n ->
                assertThat(n.reason()).startsWith("overlapping zip entries: the data of file")
                        .endsWith("in part 2 (o.zip)"));
    }

    @Test
    void anOrdinaryZipPassesTheCentralDirectoryCheck() throws IOException {
        byte[] zip = Archives.zip(entries("a.txt", "alpha", "dir/b.txt", "beta", "c.bin", new byte[70_000]));
        List<Leaf> leaves = new ArrayList<>();
        WalkReport report = walk(TestMessages.withAttachment("fine", "ok.zip", zip), ArchiveLimits.defaults(), leaves,
                new ArrayList<>());
        assertThat(report.notices()).isEmpty();
        assertThat(leaves).filteredOn(l -> l.depth() > 0).extracting(Leaf::name)
                .containsExactly("a.txt", "dir/b.txt", "c.bin");
    }

    @Test
    void anEntryTheCentralDirectoryListsButTheStreamCannotReachIsALimit() throws IOException {
        byte[] zip = Archives.zip(entries("shown.txt", "visible", "hidden.exe", "MZ payload"));
        // break the second local header's signature: tools that follow the central directory still
        // find hidden.exe, a reader that goes in order stops after shown.txt
        int second = -1;
        for (int i = 4; i < zip.length - 4; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                second = i;
                break;
            }
        }
        zip[second + 2] = 7;
        zip[second + 3] = 7;
        List<Leaf> leaves = new ArrayList<>();
        WalkReport report = walk(TestMessages.withAttachment("hide", "h.zip", zip), ArchiveLimits.defaults(), leaves,
                new ArrayList<>());
        assertThat(leaves).filteredOn(l -> l.depth() > 0).extracting(Leaf::name).containsExactly("shown.txt");
        assertThat(report.notices()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(WalkReport.Kind.LIMIT);
            assertThat(n.reason()).isEqualTo("zip central directory lists 2 entries, reading in order finds 1"
                    + " (hidden entries) in part 2 (h.zip)");
        });
    }

    @Test
    void bothBombsAreNotScannedWithTheReasonForTheAntiVirusModule() {
        try (CheckHarness av = new CheckHarness(new EicarCheck(), ScanServices.builder()
                .add(ArchiveWalker.class, new StreamingArchiveWalker()).build())) {
            ModuleVerdict nested = av.verdict(TestMessages.withAttachment("bomb", "42.zip",
                    Archives.nestedBomb(4, 16, 4 * 1024 * 1024)));
            ModuleVerdict overlapping = av.verdict(TestMessages.withAttachment("o", "o.zip",
                    Archives.overlappingZip(50, 100_000)));
            assertThat(nested.status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(String.join(" ", nested.reasons())).contains("compression ratio limit");
            assertThat(overlapping.status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(String.join(" ", overlapping.reasons())).contains("overlapping zip entries");
            assertThat(ModuleSettings.defaults(ProtectionModule.ANTI_VIRUS).actionFor(ScanStatus.NOT_SCANNED).action())
                    .isNotNull();
        }
    }

    @Test
    void theWalkTimeLimitEndsTheWalkWithItsOwnReason() throws IOException {
        ArchiveLimits instant = new ArchiveLimits(32, 1 << 20, 200, 100, 1 << 20, Duration.ofNanos(1));
        WalkReport report = walk(TestMessages.withAttachment("t", "a.zip", Archives.zip(entries("a", "b"))), instant,
                new ArrayList<>(), new ArrayList<>());
        assertThat(report.of(WalkReport.Kind.LIMIT)).isNotEmpty()
                .allSatisfy(n -> assertThat(n.reason()).startsWith("time limit: walking took longer than 0 s"));
    }

    @Test
    void leavesCarryTheirRealTypeWhateverTheirNameSays() throws IOException {
        byte[] zip = Archives.zip(entries("invoice.pdf", Archives.peExecutable(), "notes.txt", "plain words",
                "scan.pdf", "%PDF-1.4\n1 0 obj << >> endobj\n"));
        List<Leaf> leaves = new ArrayList<>();
        List<Leaf> containers = new ArrayList<>();
        walk(TestMessages.withAttachment("types", "docs.zip", zip), ArchiveLimits.defaults(), leaves, containers);
        assertThat(containers).singleElement().satisfies(c -> {
            assertThat(c.type().category()).isEqualTo(FileCategory.ARCHIVES);
            assertThat(c.declaredType()).isEqualTo("application/octet-stream");
        });
        Leaf exe = leaves.stream().filter(l -> l.name().equals("invoice.pdf")).findFirst().orElseThrow();
        assertThat(exe.type().category()).isEqualTo(FileCategory.EXECUTABLES);
        assertThat(exe.nameType().mediaType()).isEqualTo("application/pdf");
        assertThat(exe.typeMismatch()).isTrue();
        Leaf pdf = leaves.stream().filter(l -> l.name().equals("scan.pdf")).findFirst().orElseThrow();
        assertThat(pdf.type().mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.typeMismatch()).isFalse();
        Leaf text = leaves.stream().filter(l -> l.name().equals("notes.txt")).findFirst().orElseThrow();
        assertThat(text.type().category()).isEqualTo(FileCategory.OTHER);
    }

    @Test
    void anOoxmlPackageIsRecognisedAndItsMembersWalked() throws IOException {
        byte[] docx = Archives.zip(entries("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>",
                "word/document.xml", "<w:document/>"));
        List<Leaf> leaves = new ArrayList<>();
        List<Leaf> containers = new ArrayList<>();
        walk(TestMessages.withAttachment("docx", "report.docx", docx), ArchiveLimits.defaults(), leaves, containers);
        assertThat(containers).singleElement().satisfies(c -> {
            assertThat(c.type().mediaType())
                    .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            assertThat(c.type().category()).isEqualTo(FileCategory.DOCUMENTS);
        });
        assertThat(leaves).filteredOn(l -> l.depth() > 0).extracting(Leaf::name)
                .containsExactly("[Content_Types].xml", "word/document.xml");
    }

    @Test
    void anAttachedMessageIsWalkedDownToTheArchiveInIt() throws IOException {
        // the inner message has its own boundary, as a forwarded message would
        String inner = TestMessages.headers("inner")
                + "Content-Type: multipart/mixed; boundary=inner_b\r\n\r\n--inner_b\r\n"
                + TestMessages.textPart("tools attached") + "\r\n--inner_b\r\n"
                + TestMessages.base64Part("tools.zip", Archives.zip(entries("setup.exe", Archives.peExecutable())))
                + "\r\n--inner_b--\r\n";
        String rfc822 = "Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=fwd.eml\r\n\r\n"
                + inner;
        byte[] outer = TestMessages.multipart("fwd", TestMessages.textPart("see below"), rfc822);
        List<Leaf> leaves = new ArrayList<>();
        walk(outer, ArchiveLimits.defaults(), leaves, new ArrayList<>());
        assertThat(leaves).filteredOn(l -> l.name().equals("setup.exe")).singleElement().satisfies(l -> {
            assertThat(l.partPath()).isEqualTo("2.2");
            assertThat(l.type().category()).isEqualTo(FileCategory.EXECUTABLES);
            assertThat(l.location()).contains("tools.zip!setup.exe");
        });
    }

    @Test
    void typesAreDetectedOnlyForTheLeavesAVisitorAsksAbout() throws IOException {
        String unique = java.util.UUID.randomUUID().toString();
        byte[] zip = Archives.zip(entries("readme.txt", "words " + unique, "data.bin", "bytes \u0001 " + unique));
        byte[] message = TestMessages.multipart("lazy", TestMessages.textPart("body " + unique),
                TestMessages.base64Part("files.zip", zip));
        FileTypeDetector detector = FileTypeDetector.shared();
        StreamingArchiveWalker walker = new StreamingArchiveWalker();
        long before = detector.magicPasses();
        List<Leaf> seen = new ArrayList<>();
        walker.walk(new MessageViewParser().parse(message), leaf -> {
            leaf.content().transferTo(java.io.OutputStream.nullOutputStream());
            seen.add(leaf);
            return true;
        });
        assertThat(seen).hasSize(3);
        assertThat(detector.magicPasses()).as("nobody asked for a type").isEqualTo(before);

        FileTypeDetector tika = FileTypeDetector.uncached();
        Leaf bin = seen.stream().filter(l -> l.name().equals("data.bin")).findFirst().orElseThrow();
        assertThat(bin.type()).isEqualTo(bin.type()).isEqualTo(tika.detect(("bytes \u0001 " + unique)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "data.bin"));
        assertThat(detector.magicPasses() - before).as("asked once, detected once").isEqualTo(1);
    }
}
