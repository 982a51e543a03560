package io.bulwark.scan.antivirus.signatures;

import static io.bulwark.scan.antivirus.signatures.TestDatabases.EICAR_MD5;
import static io.bulwark.scan.antivirus.signatures.TestDatabases.EICAR_NDB;
import static io.bulwark.scan.antivirus.signatures.TestDatabases.eicar;
import static io.bulwark.scan.antivirus.signatures.TestDatabases.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.testing.Archives;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the database formats from a directory, and matching loaded signatures. */
class SignatureDatabaseTest {
    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private static Set<String> scan(SignatureDatabase db, byte[] content) throws IOException {
        return db.scan(new ByteArrayInputStream(content), 1 << 20);
    }

    @Test
    void hdbFindsEicarByItsPublishedMd5AndSize() throws IOException {
        write("test.hdb", EICAR_MD5 + ":68:Win.Test.EICAR_HDB-1\n");
        SignatureDatabase db = SignatureDatabase.load(dir);
        assertThat(db.report().hashSignatures()).isEqualTo(1);
        assertThat(scan(db, eicar())).containsExactly("Win.Test.EICAR_HDB-1");
        assertThat(scan(db, "clean".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void theSizeMustMatchUnlessItIsAStar() throws IOException {
        write("a.hdb", EICAR_MD5 + ":69:Wrong.Size\n");
        write("b.hsb", hex("SHA-256", eicar()) + ":*:Any.Size.Sha256:73\n" + hex("SHA-1", eicar()) + ":68:Sha1.Sig\n");
        SignatureDatabase db = SignatureDatabase.load(dir);
        assertThat(scan(db, eicar())).containsExactlyInAnyOrder("Any.Size.Sha256", "Sha1.Sig");
    }

    @Test
    void ndbBodySignatureFindsThePatternInsideAnObject() throws IOException {
        write("test.ndb", EICAR_NDB + "\n");
        SignatureDatabase db = SignatureDatabase.load(dir);
        byte[] padded = ("some bytes first " + new String(eicar(), StandardCharsets.US_ASCII) + " and after")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(scan(db, padded)).containsExactly("Test.EICAR_NDB-1");
        assertThat(db.report().bodySignatures()).isEqualTo(1);
    }

    @Test
    void bodySignaturesSeeOnlyTheConfiguredHead() throws IOException {
        write("test.ndb", EICAR_NDB + "\n");
        SignatureDatabase db = SignatureDatabase.load(dir);
        byte[] late = new byte[4096 + eicar().length];
        System.arraycopy(eicar(), 0, late, 4096, eicar().length);
        assertThat(db.scan(new ByteArrayInputStream(late), 4096)).isEmpty();
        assertThat(db.scan(new ByteArrayInputStream(late), late.length)).containsExactly("Test.EICAR_NDB-1");
    }

    @Test
    void badLinesAreSkippedCountedAndNamedNeverFatal() throws IOException {
        write("mixed.hdb", "# a comment\n\n" + EICAR_MD5 + ":68:Good\nnothex:68:Bad1\n" + EICAR_MD5 + ":x:Bad2\n"
                + EICAR_MD5 + ":68\n");
        write("mixed.ndb", "Good.Body:0:*:aabbcc\nBad.Body:4:*:aabbcc\n");
        write("logical.ldb", "Some;Logical;Signature\n");
        SignatureDatabase db = SignatureDatabase.load(dir);
        LoadReport r = db.report();
        assertThat(r.hashSignatures()).isEqualTo(1);
        assertThat(r.bodySignatures()).isEqualTo(1);
        assertThat(r.skippedLines()).isEqualTo(4);
        assertThat(r.skipped()).containsExactly(
                "mixed.hdb:4: not an MD5, SHA-1 or SHA-256 hash: nothex",
                "mixed.hdb:5: size is neither a number nor *: x",
                "mixed.hdb:6: a hash signature has 3 or 4 fields",
                "mixed.ndb:2: target type 4 is not supported");
        assertThat(r.unsupportedFiles()).containsExactly("logical.ldb");
        assertThat(r.summary()).contains("4 lines skipped").contains("not read: logical.ldb");
    }

    @Test
    void ign2DropsSignaturesByNameAndFpAllowsAFile() throws IOException {
        write("a.hdb", EICAR_MD5 + ":68:Dropped.Sig\n" + hex("SHA-1", eicar()) + ":68:Kept.Sig\n");
        write("local.ign2", "Dropped.Sig\n");
        SignatureDatabase db = SignatureDatabase.load(dir);
        assertThat(scan(db, eicar())).containsExactly("Kept.Sig");
        write("local.fp", EICAR_MD5 + ":68:False.Positive\n");
        assertThat(scan(SignatureDatabase.load(dir), eicar())).isEmpty();
    }

    private SignatureDatabase loadWithTestKey() {
        return SignatureDatabase.load(dir, SignatureDatabase.Matcher.Q_GRAM, TestDatabases.KEY);
    }

    @Test
    void aCvdContainerIsCheckedAndItsMembersLoaded() throws IOException {
        Files.write(dir.resolve("main.cvd"), TestDatabases.container(62, Archives.entries(
                "main.hdb", (EICAR_MD5 + ":68:Cvd.Hash\n").getBytes(StandardCharsets.US_ASCII),
                "main.ndb", (EICAR_NDB + "\n").getBytes(StandardCharsets.US_ASCII),
                "main.info", "ClamAV-VDB:...\n".getBytes(StandardCharsets.US_ASCII),
                "COPYING", "licence".getBytes(StandardCharsets.US_ASCII)), true, false));
        SignatureDatabase db = loadWithTestKey();
        assertThat(db.report().errors()).isEmpty();
        assertThat(db.report().containers()).containsEntry("main.cvd", 62);
        assertThat(db.report().files()).containsKeys("main.cvd!main.hdb", "main.cvd!main.ndb");
        assertThat(db.report().unsupportedFiles()).isEmpty();
        assertThat(scan(db, eicar())).containsExactlyInAnyOrder("Cvd.Hash", "Test.EICAR_NDB-1");
    }

    @Test
    void aContainerWhoseMd5DoesNotMatchIsRejectedWhole() throws IOException {
        Files.write(dir.resolve("daily.cvd"), TestDatabases.container(7, Archives.entries(
                "daily.hdb", (EICAR_MD5 + ":68:Tampered\n").getBytes(StandardCharsets.US_ASCII)), true, true));
        write("local.hdb", hex("SHA-1", eicar()) + ":68:Local.Sig\n");
        SignatureDatabase db = loadWithTestKey();
        assertThat(db.report().errors()).singleElement().satisfies(e -> assertThat(e).startsWith("daily.cvd: MD5"));
        assertThat(scan(db, eicar())).containsExactly("Local.Sig");
    }

    @Test
    void ofACvdAndACldOfOneDatabaseTheNewerVersionIsRead() throws IOException {
        Files.write(dir.resolve("daily.cvd"), TestDatabases.container(10, Archives.entries(
                "daily.hdb", (EICAR_MD5 + ":68:Old.Version\n").getBytes(StandardCharsets.US_ASCII)), true, false));
        // freshclam's .cld: an uncompressed tar
        Files.write(dir.resolve("daily.cld"), TestDatabases.container(11, Archives.entries(
                "daily.hdb", (EICAR_MD5 + ":68:New.Version\n").getBytes(StandardCharsets.US_ASCII)), false, false));
        SignatureDatabase db = loadWithTestKey();
        assertThat(db.report().containers()).containsOnlyKeys("daily.cld");
        assertThat(scan(db, eicar())).containsExactly("New.Version");
    }

    @Test
    void aMissingDirectoryGivesAnEmptyDatabaseWithTheError() {
        SignatureDatabase db = SignatureDatabase.load(dir.resolve("absent"));
        assertThat(db.isEmpty()).isTrue();
        assertThat(db.report().errors()).singleElement().satisfies(e -> assertThat(e).contains("absent"));
    }

    @Test
    void bothMatchersFindTheSameSignaturesAmongManyGeneratedOnes() throws IOException {
        java.util.Random random = new java.util.Random(5);
        StringBuilder ndb = new StringBuilder();
        java.util.HexFormat hex = java.util.HexFormat.of();
        byte[] object = new byte[200_000];
        random.nextBytes(object);
        for (int i = 0; i < 5000; i++) {
            byte[] a = new byte[2 + random.nextInt(8)];
            byte[] b = new byte[2 + random.nextInt(8)];
            if (i % 50 == 0) { // every 50th is taken from the object, so that some match
                int at = random.nextInt(object.length - 40);
                System.arraycopy(object, at, a, 0, a.length);
                System.arraycopy(object, at + a.length + 3, b, 0, b.length);
            } else {
                random.nextBytes(a);
                random.nextBytes(b);
            }
            ndb.append("Gen-").append(i).append(":0:*:").append(hex.formatHex(a)).append("{3}")
                    .append(hex.formatHex(b)).append('\n');
        }
        write("gen.ndb", ndb.toString());
        Set<String> qgram = SignatureDatabase.load(dir, SignatureDatabase.Matcher.Q_GRAM)
                .scan(new ByteArrayInputStream(object), object.length);
        Set<String> automaton = SignatureDatabase.load(dir, SignatureDatabase.Matcher.AHO_CORASICK)
                .scan(new ByteArrayInputStream(object), object.length);
        assertThat(qgram).hasSizeGreaterThanOrEqualTo(100).isEqualTo(automaton);
    }

    @Test
    void aCvdNotSignedWithTheExpectedKeyIsRejectedButMd5OnlyModeTakesIt() throws IOException {
        Files.write(dir.resolve("private.cvd"), TestDatabases.container(4, Archives.entries(
                "private.hdb", (EICAR_MD5 + ":68:Private.Sig\n").getBytes(StandardCharsets.US_ASCII)), true, false));
        SignatureDatabase clamavKey = SignatureDatabase.load(dir);
        assertThat(clamavKey.report().errors())
                .containsExactly("private.cvd: the digital signature does not verify with ClamAV's key");
        assertThat(clamavKey.isEmpty()).isTrue();
        assertThat(scan(loadWithTestKey(), eicar())).containsExactly("Private.Sig");
        assertThat(scan(SignatureDatabase.load(dir, SignatureDatabase.Matcher.Q_GRAM, false), eicar()))
                .containsExactly("Private.Sig");
    }

    @Test
    void aCldWithoutAnMd5InItsHeaderIsReadAsFreshclamWritesIt() throws IOException {
        byte[] cld = TestDatabases.container(9, Archives.entries(
                "daily.hdb", (EICAR_MD5 + ":68:Cld.Sig\n").getBytes(StandardCharsets.US_ASCII)), false, false);
        String header = new String(cld, 0, 512, StandardCharsets.US_ASCII);
        String[] f = header.split(":");
        f[5] = "X";
        f[6] = "X";
        byte[] rewritten = String.join(":", f).getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[512];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(rewritten, 0, padded, 0, Math.min(512, rewritten.length));
        System.arraycopy(padded, 0, cld, 0, 512);
        Files.write(dir.resolve("daily.cld"), cld);
        SignatureDatabase db = SignatureDatabase.load(dir);
        assertThat(db.report().errors()).isEmpty();
        assertThat(scan(db, eicar())).containsExactly("Cld.Sig");
    }
}
