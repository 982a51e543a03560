package io.bulwark.store.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

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
 * <p>Why not a library: the one AES-256-GCM implementation of the project ({@code MasterKey#seal}) is
 * reused per subject key; what is ours is only this text frame.
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

    /** Seals a value (an address, a subject line, a HELO name) under a subject's key. */
    public String seal(String subjectId, String value) {
        try {
            byte[] sealed = keys.dataKey(subjectId).seal(subjectId, value.getBytes(StandardCharsets.UTF_8));
            return PREFIX + subjectId + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

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
            return new String(key.get().open(subjectId.get(), sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return FORGOTTEN; // a key made anew after forgetting does not open the old ciphertexts
        }
    }
}
