package io.bulwark.scan.antivirus.signatures;

import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** Builds ClamAV-format database files for tests. */
final class TestDatabases {
    /** MD5 of the 68-byte EICAR test file, as published (and as ClamAV's own test database has it). */
    static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";
    /** A body signature for the middle of the EICAR string, "EICAR-STANDARD-ANTIVIRUS", with a gap. */
    static final String EICAR_NDB = "Test.EICAR_NDB-1:0:*:"
            + HexFormat.of().formatHex("EICAR-STANDARD".getBytes(StandardCharsets.US_ASCII)) + "{1}"
            + HexFormat.of().formatHex("ANTIVIRUS".getBytes(StandardCharsets.US_ASCII));

    /** A key of the tests, in place of ClamAV's: RSA-1024 with ClamAV's public exponent. */
    static final CvdSignature KEY;
    private static final java.math.BigInteger PRIVATE;

    static {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(1024,
                    CvdSignature.CLAMAV.exponent()), new java.security.SecureRandom(new byte[] {11}));
            var pair = generator.generateKeyPair();
            var pub = (java.security.interfaces.RSAPublicKey) pair.getPublic();
            KEY = new CvdSignature(pub.getModulus(), pub.getPublicExponent());
            PRIVATE = ((java.security.interfaces.RSAPrivateKey) pair.getPrivate()).getPrivateExponent();
        } catch (java.security.GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestDatabases() {
    }

    /** The signature field for an MD5, made with the tests' key. */
    static String sign(String md5Hex) {
        java.math.BigInteger m = new java.math.BigInteger(1, HexFormat.of().parseHex(md5Hex));
        return CvdSignature.encode(m.modPow(PRIVATE, KEY.modulus()), CvdSignature.LENGTH);
    }

    static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] eicar() {
        return TestMessages.eicar();
    }

    /**
     * A container: the header with the payload's MD5 (or a wrong one) signed with the tests' key,
     * then a tar (gzipped when asked).
     */
    static byte[] container(int version, Map<String, byte[]> members, boolean gzip, boolean breakMd5) {
        byte[] tar = Archives.tar(members);
        byte[] payload = gzip ? Archives.gzip(tar) : tar;
        String md5 = hex("MD5", payload);
        String dsig = sign(md5);
        if (breakMd5) {
            md5 = (md5.charAt(0) == '0' ? "1" : "0") + md5.substring(1);
        }
        return io.bulwark.scan.testing.CvdFiles.container(version, members.size(), md5, dsig, 1796443200L, payload);
    }
}
