package io.bulwark.store.secrets;

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
 * The key-encryption key of the stored TLS keys: 32 random bytes (base64) in
 * {@code bulwark.tls.master-key-file}, created with mode 0600 when missing. Key material is sealed
 * with AES-256-GCM, a fresh 96-bit nonce per seal and the key id as associated data, so a sealed
 * key cannot be swapped under another id unnoticed and any change of the ciphertext fails to open.
 *
 * <p>Threat model: the key material in MongoDB (and in its backups and dumps) is useless without this
 * file, which stays on the nodes' disks. It does not protect against someone who can read both the
 * file and the database as the service user. In a cluster every admin and gateway node needs the
 * same file: copy it from the first node before starting the others (a node that created its own
 * cannot open the keys of the others, and says so).
 *
 * <p>Sealed format: {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}. It lives in the store
 * module because the admin backend seals keys and every gateway node opens them. Thread-safe.
 */
public final class MasterKey {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private MasterKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Reads the key file, creating it when missing: the file with mode 0600 from its creation (never
     * readable by others, not even between a create and a chmod), directories created for it 0700.
     *
     * @throws IOException also when the file is readable or writable by group or others: the key
     *                     is then to be treated as exposed, and the message says what to do
     */
    public static MasterKey loadOrCreate(Path file) throws IOException {
        boolean posix = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews()
                .contains("posix");
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (posix) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            java.util.Set<StandardOpenOption> options = java.util.EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try (var channel = posix
                    ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.newByteChannel(file, options)) {
                channel.write(java.nio.ByteBuffer.wrap(Base64.getEncoder().encode(fresh)));
            } catch (FileAlreadyExistsException e) {
                // created by another component of this JVM or node at the same moment: use theirs
            }
        }
        if (posix) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IOException("the TLS master key file " + file + " is accessible to group or others (mode "
                        + PosixFilePermissions.toString(mode) + "); treat the key as exposed: make it readable by"
                        + " the service user only (chmod 600 " + file + ") and consider new TLS keys");
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
        return new MasterKey(key);
    }

    /**
     * The key given as its value (32 bytes, base64), e.g. from an environment variable or a secret
     * store, for nodes that are provisioned without a key file ({@link MasterKeyProvisioning}).
     */
    public static MasterKey fromBase64(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key value is not base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key value must hold 32 bytes, base64");
        }
        return new MasterKey(key);
    }

    /**
     * A value that tells keys apart without revealing them: HMAC-SHA256 of a fixed label under the
     * key. Nodes of one store compare it ({@link MasterKeyProvisioning}) so a node with another key
     * refuses to start instead of failing later, one certificate or DKIM key at a time.
     */
    public byte[] checkValue() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal("bulwark master key check v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Encrypts {@code plain} for {@code keyId}. */
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

    /** Decrypts what {@link #seal} produced for the same {@code keyId}; fails on any change. */
    public byte[] open(String keyId, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed key material too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /** Read and write for the owner, nothing for anyone else. */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");
}
