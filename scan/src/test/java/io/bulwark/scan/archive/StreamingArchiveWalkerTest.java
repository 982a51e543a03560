package io.bulwark.scan.archive;

import static io.bulwark.scan.testing.Archives.entries;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.message.text.Printable;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.TestMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The walker over archives built in the test: what it hands to the visitor, and what it reports instead. */
class StreamingArchiveWalkerTest {
    private static final ArchiveLimits SMALL = new ArchiveLimits(3, 100_000, 200, 10, 1024 * 1024);

    static Stream<Arguments> table() {
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        byte[] deep = Archives.zip(entries("inner.txt", "deep"));
        for (int i = 0; i < 4; i++) {
            deep = Archives.zip(entries("level" + i + ".zip", deep));
        }
        Object[] many = new Object[40];
        for (int i = 0; i < 20; i++) {
            many[2 * i] = "f" + i + ".txt";
            many[2 * i + 1] = "x";
        }
        byte[] eml = TestMessages.withAttachment("fwd", "inner.com", "payload".getBytes(StandardCharsets.US_ASCII));
        return Stream.of(
                row("zip with two entries", "a.zip", Archives.zip(entries("x.txt", "hello", "y.txt", "world")),
                        ArchiveLimits.defaults(), List.of("part 2 (a.zip!x.txt)=hello", "part 2 (a.zip!y.txt)=world"),
                        List.of()),
                row("zip in a zip in a zip", "outer.zip", Archives.zip(entries("mid.zip",
                        Archives.zip(entries("inner.zip", Archives.zip(entries("inner.txt", "found me")))))),
                        ArchiveLimits.defaults(), List.of("part 2 (outer.zip!mid.zip!inner.zip!inner.txt)=found me"),
                        List.of()),
                row("tar.gz", "docs.tar.gz", Archives.gzip(Archives.tar(entries("readme.txt", "read me",
                        "sub/b.txt", "bee"))), ArchiveLimits.defaults(),
                        List.of("part 2 (docs.tar.gz!docs.tar!readme.txt)=read me",
                                "part 2 (docs.tar.gz!docs.tar!sub/b.txt)=bee"), List.of()),
                row("bzip2", "note.txt.bz2", Archives.bzip2("bz text".getBytes(StandardCharsets.US_ASCII)),
                        ArchiveLimits.defaults(), List.of("part 2 (note.txt.bz2!note.txt)=bz text"), List.of()),
                row("xz", "note.txt.xz", Archives.xz("xz text".getBytes(StandardCharsets.US_ASCII)),
                        ArchiveLimits.defaults(), List.of("part 2 (note.txt.xz!note.txt)=xz text"), List.of()),
                row("7z", "a.7z", Archives.sevenZ(entries("s.txt", "seven")), ArchiveLimits.defaults(),
                        List.of("part 2 (a.7z!s.txt)=seven"), List.of()),
                row("a message attached inside a zip", "mail.zip", Archives.zip(entries("fwd.eml", eml)),
                        ArchiveLimits.defaults(), List.of("part 2 (mail.zip!fwd.eml!part 1)=Hello,\r\nsee attached.",
                                "part 2 (mail.zip!fwd.eml!inner.com)=payload"), List.of()),
                row("zip bomb by ratio", "bomb.zip", Archives.zip(entries("zeros.bin", new byte[20 * 1024 * 1024])),
                        ArchiveLimits.defaults(), List.of("part 2 (bomb.zip!zeros.bin)"),
                        List.of("LIMIT compression ratio limit: part 2 (bomb.zip!zeros.bin) unpacks more than 200:1")),
                row("nesting deeper than the limit", "deep.zip", deep, SMALL, List.of(),
                        List.of("LIMIT nesting limit: containers nested deeper than 3")),
                row("more entries than the limit", "many.zip", Archives.zip(entries(many)), SMALL,
                        List.of("part 2 (many.zip!f0.txt)=x", "part 2 (many.zip!f1.txt)=x", "part 2 (many.zip!f2.txt)=x",
                                "part 2 (many.zip!f3.txt)=x", "part 2 (many.zip!f4.txt)=x", "part 2 (many.zip!f5.txt)=x",
                                "part 2 (many.zip!f6.txt)=x", "part 2 (many.zip!f7.txt)=x", "part 2 (many.zip!f8.txt)=x",
                                "part 2 (many.zip!f9.txt)=x"),
                        List.of("LIMIT entry limit: more than 10 archive entries")),
                row("more unpacked bytes than the limit", "big.zip", Archives.zip(entries("r.bin", random)), SMALL,
                        List.of("part 2 (big.zip!r.bin)"), List.of("LIMIT size limit: more than 100000 bytes unpacked")),
                row("encrypted zip entry", "locked.zip", TestMessages.encryptedZip("secret.doc", "s".getBytes()),
                        ArchiveLimits.defaults(), List.of(),
                        List.of("ENCRYPTED encrypted archive entry in part 2 (locked.zip!secret.doc)")),
                row("corrupt zip", "broken.zip", Archives.truncatedZip(random), ArchiveLimits.defaults(),
                        List.of(), List.of("CORRUPTED damaged zip in part 2 (broken.zip)")),
                row("RAR", "a.rar", Archives.rarSignature(), ArchiveLimits.defaults(), List.of(),
                        List.of("UNSUPPORTED_FORMAT not scanned: format (RAR)")),
                row("a file that is no archive", "a.zip", "just text".getBytes(StandardCharsets.US_ASCII),
                        ArchiveLimits.defaults(), List.of("part 2 (a.zip)=just text"), List.of()));
    }

    private static Arguments row(String name, String file, byte[] attachment, ArchiveLimits limits, List<String> leaves,
            List<String> notices) {
        return Arguments.of(name, TestMessages.withAttachment("t", file, attachment), limits, leaves, notices);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void walksEveryLeafOrSaysWhyNot(String name, byte[] message, ArchiveLimits limits, List<String> leaves,
            List<String> notices) throws IOException {
        List<String> seen = new ArrayList<>();
        WalkReport report = new StreamingArchiveWalker(limits, MimeLimits.defaults()).walk(parse(message), leaf -> {
            if (!leaf.partPath().equals("1")) {
                seen.add(leaf.location());
                String content = new String(leaf.content().readAllBytes(), StandardCharsets.US_ASCII);
                seen.set(seen.size() - 1, leaf.location() + "=" + content);
            }
            return true;
        });

        assertThat(seen).as(report.toString()).isEqualTo(leaves);
        assertThat(report.notices()).hasSize(notices.size());
        for (int i = 0; i < notices.size(); i++) {
            WalkReport.Notice n = report.notices().get(i);
            assertThat(n.kind() + " " + n.reason()).startsWith(notices.get(i));
            assertThat(n.partPath()).isEqualTo("2");
        }
    }

    /**
     * Entry names are the sender's, and Commons Compress quotes them in its complaints: what the
     * walk reports (leaf locations, notices) is one line of bounded length, whatever the names hold.
     */
    @Test
    void namesAndComplaintsComeOutPrintableAndBounded() throws IOException {
        String crafted = "evil\r\nFORGED LOG LINE\u0001\u0085" + "\uFFFD".repeat(3000) + ".txt";
        byte[] readable = Archives.zip(entries(crafted, "x"));
        byte[] unsupported = Archives.zip(entries(crafted, "y"));
        unsupported[8] = 97; // the local header's compression method: WavPack, which nothing unpacks
        unsupported[9] = 0;
        byte[] message = TestMessages.multipart("t", TestMessages.base64Part("a.zip", readable),
                TestMessages.base64Part("b.zip", unsupported));
        List<String> texts = new ArrayList<>();
        WalkReport report = new StreamingArchiveWalker().walk(parse(message), leaf -> {
            texts.add(leaf.location());
            return true;
        });
        report.notices().forEach(n -> texts.add(n.reason()));
        assertThat(report.notices()).as(report.toString()).isNotEmpty();
        assertThat(texts).hasSizeGreaterThan(1).allSatisfy(text -> {
            assertThat(text).doesNotContain("\r", "\n", "\u0001", "\u0085").contains("evil FORGED LOG LINE");
            assertThat(text.length()).isLessThan(3 * Printable.NAME_MAX);
        });
    }

    @Test
    void aLimitInOnePartStillLetsTheNextPartBeWalked() throws IOException {
        byte[] bomb = Archives.zip(entries("zeros.bin", new byte[20 * 1024 * 1024]));
        byte[] message = TestMessages.multipart("t", TestMessages.base64Part("bomb.zip", bomb),
                TestMessages.base64Part("ok.zip", Archives.zip(entries("ok.txt", "fine"))));
        List<String> seen = new ArrayList<>();
        WalkReport report = new StreamingArchiveWalker().walk(parse(message), leaf -> {
            seen.add(leaf.location());
            return true;
        });
        assertThat(seen).containsExactly("part 1 (bomb.zip!zeros.bin)", "part 2 (ok.zip!ok.txt)");
        assertThat(report.of(WalkReport.Kind.LIMIT)).singleElement().extracting(WalkReport.Notice::partPath)
                .isEqualTo("1");
    }

    @Test
    void aVisitorThatSwallowsTheLimitCannotHideIt() throws IOException {
        byte[] bomb = Archives.zip(entries("zeros.bin", new byte[20 * 1024 * 1024]));
        WalkReport report = new StreamingArchiveWalker().walk(parse(TestMessages.withAttachment("t", "b.zip", bomb)),
                leaf -> {
                    try {
                        leaf.content().readAllBytes();
                    } catch (ArchiveLimitException ignored) {
                        // a careless visitor
                    }
                    return true;
                });
        assertThat(report.of(WalkReport.Kind.LIMIT)).hasSize(1);
    }

    @Test
    void theVisitorCanEndTheWalk() throws IOException {
        byte[] zip = Archives.zip(entries("a.txt", "a", "b.txt", "b", "c.txt", "c"));
        List<String> seen = new ArrayList<>();
        WalkReport report = new StreamingArchiveWalker().walk(parse(TestMessages.withAttachment("t", "z.zip", zip)),
                leaf -> {
                    seen.add(leaf.name());
                    return !leaf.name().equals("a.txt");
                });
        assertThat(seen).containsExactly("", "a.txt");
        assertThat(report.stopped()).isTrue();
    }

    private static MessageView parse(byte[] message) {
        return new MessageViewParser().parse(message);
    }
}
