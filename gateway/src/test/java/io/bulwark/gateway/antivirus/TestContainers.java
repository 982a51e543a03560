package io.bulwark.gateway.antivirus;

import io.bulwark.scan.antivirus.signatures.CvdSignature;
import io.bulwark.scan.testing.Archives;
import io.bulwark.scan.testing.CvdFiles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** Signed ClamAV containers for the update tests, under a key of the tests (not ClamAV's). */
final class TestContainers {
    /** The tests' mirror key, as {@code bulwark.antivirus.container-signing-key} takes it. */
    static final CvdSignature KEY;
    private static final BigInteger PRIVATE;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(1024, CvdSignature.CLAMAV.exponent()),
                    new SecureRandom(new byte[] {42}));
            var pair = generator.generateKeyPair();
            KEY = new CvdSignature(((RSAPublicKey) pair.getPublic()).getModulus(),
                    ((RSAPublicKey) pair.getPublic()).getPublicExponent());
            PRIVATE = ((RSAPrivateKey) pair.getPrivate()).getPrivateExponent();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestContainers() {
    }

    /** A {@code .cvd}: header signed with the tests' key, then a gzipped tar of the members. */
    static byte[] cvd(int version, Instant published, Map<String, byte[]> members) {
        return cvd(version, published, members, PRIVATE);
    }

    /** A {@code .cvd} signed with another private exponent than the key's (it does not verify). */
    static byte[] badlySigned(int version, Instant published, Map<String, byte[]> members) {
        return cvd(version, published, members, PRIVATE.add(BigInteger.TWO));
    }

    /** Signature lines in the members, as a builder declares them in the header. */
    static int records(Map<String, byte[]> members) {
        return members.values().stream().mapToInt(b -> (int) new String(b, StandardCharsets.ISO_8859_1).lines()
                .filter(l -> !l.isBlank()).count()).sum();
    }

    private static byte[] cvd(int version, Instant published, Map<String, byte[]> members, BigInteger privateKey) {
        byte[] payload = Archives.gzip(Archives.tar(members));
        String md5;
        try {
            md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return CvdFiles.container(version, records(members), md5, KEY.sign(md5, privateKey),
                published.getEpochSecond(), payload);
    }
}
