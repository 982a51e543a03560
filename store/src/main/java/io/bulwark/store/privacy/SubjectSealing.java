package io.bulwark.store.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Personal fields encrypted per data subject (crypto-shredding, ADR 0024, ADR 0029). A sealed field
 * is the text
 *
 * <pre>
 * pd1:&lt;subject id&gt;:&lt;base64 of nonce (12 bytes) || AES-256-GCM ciphertext and tag&gt;
 * </pre>
 *
 * with the subject id as associated data, so a ciphertext cannot be moved to another subject. What
 * is stored (and hashed by the chain) is this text; once the subject is forgotten it reads as
 * {@value #FORGOTTEN}. Stateless apart from {@link SubjectKeys}' cache; thread-safe.
 *
 * <p>The frame (96-bit random nonce, ciphertext and 128-bit tag, associated data) is the one of
 * {@code MasterKey#seal}. Not that method itself: it looks up a new {@link Cipher} per call, which
 * measured about six times the cost of re-initialising one per thread (docs/history.md), and this
 * runs for every address of every message event on the gateway's hot path.
 */
public final class SubjectSealing implements PersonalDataCodec {
    /** What a read model shows for a field of a forgotten subject. */
    public static final String FORGOTTEN = "[forgotten]";
    static final String PREFIX = "pd1:";

    private final SubjectKeys keys;

    public SubjectSealing(SubjectKeys keys) {
        this.keys = keys;
    }

    /** Seals an address under its own subject's key; null and empty (the null sender) stay as they are. */
    @Override
    public String seal(String address) {
        if (address == null || address.isEmpty() || isSealed(address)) {
            return address;
        }
        return seal(keys.subjectId(address), address);
    }

    /**
     * Seals a value that belongs to an address (a subject line, a HELO name, a client address) under
     * that address's subject key; null and empty stay as they are.
     */
    @Override
    public String sealOf(String owner, String value) {
        if (value == null || value.isEmpty() || isSealed(value)) {
            return value;
        }
        String subjectId = owner == null || owner.isEmpty() ? keys.subjectId(value)
                : subjectOf(owner).orElseGet(() -> keys.subjectId(owner));
        return seal(subjectId, value);
    }

    /** Seals a value (an address, a subject line, a HELO name) under a subject's key. */
    public String seal(String subjectId, String value) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.dataKey(subjectId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = java.util.Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + subjectId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    });

    /** Whether a stored value is sealed personal data. */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The subject id of a sealed value. */
    public static Optional<String> subjectOf(String stored) {
        if (!isSealed(stored)) {
            return Optional.empty();
        }
        int end = stored.indexOf(':', PREFIX.length());
        return end < 0 ? Optional.empty() : Optional.of(stored.substring(PREFIX.length(), end));
    }

    /**
     * The plain value: a value that is not sealed as itself, a sealed one opened, and
     * {@value #FORGOTTEN} when its subject's key is gone (or no longer opens it).
     */
    @Override
    public String open(String stored) {
        Optional<String> subjectId = subjectOf(stored);
        if (subjectId.isEmpty()) {
            return stored;
        }
        var key = keys.existingDataKey(subjectId.get());
        if (key.isEmpty()) {
            return FORGOTTEN;
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length() + subjectId.get().length() + 1));
            if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
                return FORGOTTEN;
            }
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(subjectId.get().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return FORGOTTEN; // a key made anew after forgetting does not open the old ciphertexts
        }
    }
}
