package io.bulwark.scan.senderauth.dkim.internal;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signature algorithms of DKIM and ARC with the JDK's providers: {@code rsa-sha256}
 * (RSASSA-PKCS1-v1_5 with SHA-256, RFC 6376 3.3.2) and {@code ed25519-sha256} (PureEdDSA over the
 * SHA-256 hash of the header data, RFC 8463 3). {@code rsa-sha1} is known only to be refused
 * (RFC 8301 3.1). Also: public keys from {@code p=} values. Stateless and thread-safe.
 */
public final class DkimCrypto {
    public static final String RSA_SHA256 = "rsa-sha256";
    public static final String ED25519_SHA256 = "ed25519-sha256";
    public static final String RSA_SHA1 = "rsa-sha1";
    /** RFC 8301 3.2: verifiers must not accept RSA keys shorter than this. */
    public static final int MIN_RSA_BITS = 1024;

    /** DER of SubjectPublicKeyInfo for Ed25519 (RFC 8410 4) up to the 32 key octets. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};
    /** DER AlgorithmIdentifier rsaEncryption with NULL parameters (RFC 8017 A.1). */
    private static final byte[] RSA_ALGORITHM_ID = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private DkimCrypto() {
    }

    /** Thrown when a key record's {@code p=} is not a key of its type. */
    public static final class BadKeyException extends Exception {
        public BadKeyException(String message) {
            super(message);
        }
    }

    /** The key type ({@code k=}) an algorithm needs: {@code rsa} or {@code ed25519}. */
    public static String keyTypeOf(String algorithm) {
        return ED25519_SHA256.equals(algorithm) ? "ed25519" : "rsa";
    }

    /** The hash ({@code h=} of a key record) an algorithm uses. */
    public static String hashOf(String algorithm) {
        return RSA_SHA1.equals(algorithm) ? "sha1" : "sha256";
    }

    /**
     * The public key of a {@code p=} value. RSA: the DER SubjectPublicKeyInfo RFC 6376 3.6.1
     * asks for, or a bare PKCS#1 RSAPublicKey, which some signers publish and common verifiers
     * accept. Ed25519: the 32 raw key octets (RFC 8463 4).
     */
    public static PublicKey publicKey(String keyType, byte[] p) throws BadKeyException {
        try {
            if ("ed25519".equals(keyType)) {
                if (p.length != 32) {
                    throw new BadKeyException("an ed25519 key is 32 octets, p= has " + p.length + " (RFC 8463 4)");
                }
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI_PREFIX, p)));
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            try {
                return rsa.generatePublic(new X509EncodedKeySpec(p));
            } catch (GeneralSecurityException notSpki) {
                byte[] bitString = der(0x03, concat(new byte[] {0}, p));
                return rsa.generatePublic(new X509EncodedKeySpec(der(0x30, concat(RSA_ALGORITHM_ID, bitString))));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BadKeyException("p= is not a valid " + keyType + " public key");
        }
    }

    /** The modulus length of an RSA key, or empty for other keys. */
    public static Optional<Integer> rsaBits(java.security.Key key) {
        return key instanceof RSAKey rsa ? Optional.of(rsa.getModulus().bitLength()) : Optional.empty();
    }

    /** Signs the canonical header data with {@code rsa-sha256} or {@code ed25519-sha256}. */
    public static byte[] sign(String algorithm, PrivateKey key, byte[] headerData) {
        try {
            Signature s = signature(algorithm);
            s.initSign(key);
            s.update(input(algorithm, headerData));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is the algorithm's signature of the canonical header data. */
    public static boolean verify(String algorithm, PublicKey key, byte[] headerData, byte[] signature) {
        try {
            Signature s = signature(algorithm);
            s.initVerify(key);
            s.update(input(algorithm, headerData));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a malformed signature value (wrong length, bad encoding) does not verify
        }
    }

    /** A fresh SHA-256 digest (body hashes of both algorithms). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Signature signature(String algorithm) throws NoSuchAlgorithmException {
        return switch (algorithm) {
            case RSA_SHA256 -> Signature.getInstance("SHA256withRSA");
            case ED25519_SHA256 -> Signature.getInstance("Ed25519");
            default -> throw new NoSuchAlgorithmException(algorithm);
        };
    }

    /** RSA hashes inside the signature scheme; Ed25519 signs the SHA-256 of the data (RFC 8463 3). */
    private static byte[] input(String algorithm, byte[] headerData) {
        return ED25519_SHA256.equals(algorithm) ? sha256().digest(headerData) : headerData;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** One DER TLV with a definite length. */
    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
