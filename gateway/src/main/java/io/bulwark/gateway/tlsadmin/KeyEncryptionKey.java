package io.bulwark.gateway.tlsadmin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's copy of the TLS master key ({@code bulwark.tls.master-key-file}): opens the key
 * material the admin backend sealed in {@code tls_keys}. Same file, same format as the admin
 * backend's {@code MasterKey} (32 random bytes, base64; sealed = 12-byte nonce || AES-256-GCM
 * ciphertext and tag, the key id as associated data); a copy because modules do not depend on each
 * other. Created (0600) when missing, so the appliance's two halves agree on one file whichever
 * starts first; in a cluster copy the first node's file to every node before starting it.
 *
 * <p>Thread-safe.
 */
public final class KeyEncryptionKey {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private KeyEncryptionKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the file, creating it when missing (mode 0600). */
    public static KeyEncryptionKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            try {
                Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not POSIX: the directory's ACL protects it
                }
            } catch (FileAlreadyExistsException e) {
                // created concurrently by the admin half of this JVM: use it
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the TLS master key file " + file + " is not base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IOException("the TLS master key file " + file + " must hold 32 bytes, base64");
        }
        return new KeyEncryptionKey(key);
    }

    /** Decrypts key material sealed for {@code keyId}; fails on a wrong master key or any change. */
    public byte[] open(String keyId, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed key material too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** Seals as the admin backend does (used by tests and tools that prepare key material). */
    public byte[] seal(String keyId, byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }
}
