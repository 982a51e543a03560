package io.bulwark.scan.licence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The key that signs licence key files: an Ed25519 key pair (RFC 8032). Whoever holds the private
 * key issues licences; installations trust its public key ({@code bulwark.licence.public-key}, the
 * 32 raw bytes in base64). The key id, which every key file names, is the first 8 bytes of the
 * SHA-256 of the public key in hex, so a verifier can tell "signed by another authority" from
 * "altered". Immutable and thread-safe.
 *
 * <p>The private key file is {@value #BEGIN}, the 32-byte seed in base64, {@value #END}.
 */
public final class LicenceAuthority {
    static final String BEGIN = "-----BEGIN BULWARK LICENCE AUTHORITY KEY-----";
    static final String END = "-----END BULWARK LICENCE AUTHORITY KEY-----";

    private final Ed25519PrivateKeyParameters privateKey;

    private LicenceAuthority(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    /** A new authority with a fresh key pair. */
    public static LicenceAuthority generate() {
        return new LicenceAuthority(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** Reads a private key file as {@link #toPrivateKeyFile()} writes it. */
    public static LicenceAuthority fromPrivateKeyFile(String text) {
        String body = text == null ? "" : text.strip();
        if (!body.startsWith(BEGIN) || !body.endsWith(END)) {
            throw new IllegalArgumentException("Not a Bulwark licence authority key file (it starts with " + BEGIN + ")");
        }
        byte[] seed;
        try {
            seed = Base64.getMimeDecoder().decode(body.substring(BEGIN.length(), body.length() - END.length()).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The licence authority key is not valid base64", e);
        }
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("A licence authority key is 32 bytes, this one is " + seed.length);
        }
        return new LicenceAuthority(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The private key file (keep it off the appliance). */
    public String toPrivateKeyFile() {
        return BEGIN + "\n" + Base64.getEncoder().encodeToString(privateKey.getEncoded()) + "\n" + END + "\n";
    }

    /** The public key as {@code bulwark.licence.public-key} takes it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.generatePublicKey().getEncoded());
    }

    /** The key id key files name in {@code Authority:}. */
    public String keyId() {
        return keyId(privateKey.generatePublicKey().getEncoded());
    }

    /** Signs the given text (UTF-8); the signature in base64. */
    String sign(String text) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        signer.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    /** Reads a public key as configured: 32 raw bytes in base64. */
    static Ed25519PublicKeyParameters publicKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A licence public key is 32 bytes in base64: '" + base64 + "'", e);
        }
        if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("A licence public key is 32 bytes in base64, this one has " + raw.length);
        }
        return new Ed25519PublicKeyParameters(raw, 0);
    }

    static String keyId(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
