package io.bulwark.admin.dkim;

import io.bulwark.events.dkim.DkimKeyIds;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * What an imported DKIM private key is: its algorithm as the API names it and its public half,
 * derived from the private key (a PEM private key rarely carries the public one): RSA from the CRT
 * key's modulus and public exponent, Ed25519 by BouncyCastle's point multiplication (the JDK has no
 * API for it). Stateless.
 */
final class DkimKeyImport {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 4); the 32 key bytes follow. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** An imported key pair and its algorithm ({@code rsa-2048}, {@code rsa-3072}, {@code rsa-4096}, {@code ed25519}). */
    record Imported(PrivateKey privateKey, PublicKey publicKey, String algorithm) {
        @Override
        public String toString() {
            return "Imported[" + algorithm + "]"; // never the key
        }
    }

    private DkimKeyImport() {
    }

    static Imported of(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits != 2048 && bits != 3072 && bits != 4096) {
                    throw new InvalidDkimKeyException("An imported RSA key has 2048, 3072 or 4096 bits, not " + bits
                            + " (RFC 8301 3.2)");
                }
                PublicKey publicKey = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                return new Imported(key, publicKey, "rsa-" + bits);
            }
            if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
                byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey())
                        .getOctets();
                byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
                PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                PrivateKey jdkKey = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
                return new Imported(jdkKey, publicKey, DkimKeyIds.ED25519);
            }
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            if (e instanceof InvalidDkimKeyException invalid) {
                throw invalid;
            }
            throw new InvalidDkimKeyException("Cannot read the private key: " + e.getMessage(), e);
        }
        throw new InvalidDkimKeyException("A DKIM key is RSA or Ed25519, not " + key.getAlgorithm());
    }
}
