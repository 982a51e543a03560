package io.bulwark.scan.senderauth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * DKIM key pairs: generation, the DNS TXT record that publishes the public half (RFC 6376 3.6.1,
 * RFC 8463 4), and reading a private key back from its PKCS#8 encoding. The JDK's providers do
 * RSA and Ed25519 (JEP 339), so no extra library is needed here.
 */
public final class DkimKeys {
    /** {@code a=rsa-sha256} (RFC 6376 3.3.1). */
    public static final String RSA_SHA256 = "rsa-sha256";
    /** {@code a=ed25519-sha256} (RFC 8463 3). */
    public static final String ED25519_SHA256 = "ed25519-sha256";

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410 4); the raw key follows. */
    private static final int ED25519_SPKI_PREFIX = 12;

    private DkimKeys() {
    }

    /**
     * A new key pair for a signing algorithm as the REST API names it: {@code rsa-2048} (RSA,
     * 2048 bits, RFC 8301 3.2) or {@code ed25519}.
     */
    public static KeyPair generate(String keyType) {
        try {
            return switch (keyType.toLowerCase(Locale.ROOT)) {
                case "rsa-2048" -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case "ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                default -> throw new IllegalArgumentException("unknown key type '" + keyType
                        + "': use rsa-2048 or ed25519");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + keyType + " keys", e);
        }
    }

    /** The {@code a=} algorithm that signs with a key of this type. */
    public static String algorithmOf(PublicKey key) {
        return isEd25519(key.getAlgorithm()) ? ED25519_SHA256 : RSA_SHA256;
    }

    /**
     * The TXT record value to publish at {@code <selector>._domainkey.<domain>}: {@code v=DKIM1;
     * k=rsa; p=<SubjectPublicKeyInfo, base64>} for RSA (RFC 6376 3.6.1), {@code v=DKIM1;
     * k=ed25519; p=<the 32 raw key bytes, base64>} for Ed25519 (RFC 8463 4).
     */
    public static String dnsRecord(PublicKey key) {
        byte[] der = key.getEncoded();
        if (isEd25519(key.getAlgorithm())) {
            byte[] raw = Arrays.copyOfRange(der, ED25519_SPKI_PREFIX, der.length);
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
        }
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(der);
    }

    /** A private key from its PKCS#8 encoding ({@link PrivateKey#getEncoded()}), RSA or Ed25519. */
    public static PrivateKey privateKey(byte[] pkcs8, String algorithm) {
        try {
            String jca = ED25519_SHA256.equals(algorithm) ? "Ed25519" : "RSA";
            return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + algorithm + " private key: " + e.getMessage(), e);
        }
    }

    private static boolean isEd25519(String jcaAlgorithm) {
        return "Ed25519".equalsIgnoreCase(jcaAlgorithm) || "EdDSA".equalsIgnoreCase(jcaAlgorithm);
    }
}
