package io.bulwark.store.privacy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.bulwark.store.secrets.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * The keys of crypto-shredding (ADR 0024, ADR 0029): one AES-256 key per data subject, each sealed by
 * the appliance's master key, in {@code history_subject_keys}:
 *
 * <pre>
 * { _id: "subject-id-key", sealed: base64 }   the HMAC key that turns an address into a subject id
 * { _id: "ds-&lt;32 hex&gt;",   sealed: base64 }   a subject's data key
 * </pre>
 *
 * <p>Subject id: {@code ds-} and the first 16 bytes, hex, of HMAC-SHA256 under this installation's
 * subject-id key of the normalised address (trimmed, angle brackets removed, lower case). Keyed, so
 * a subject id in an event or an export does not let anyone confirm a guessed address; the key is
 * sealed like the data keys, so a copy of the database without the master key file learns nothing.
 * Forgetting deletes the data key: every ciphertext under it is then unreadable, while every stored
 * event byte, and so every seal of the chain, stays as it was.
 *
 * <p>Keys are cached after first use (the gateway's hot path would otherwise read the store per
 * address); {@link #forget} removes the cached key on this node. Other nodes drop theirs when they
 * see the {@code DataSubjectForgottenEvent} ({@link #evict}, called by each node's own tracking
 * processor, ADR 0038). The event is stored before the forgetting node deletes the key, so another
 * node may see it a moment before the key is gone: an evicted subject stays marked until a read
 * finds its key document absent, and while it is marked a key read from the store is used but not
 * cached, so no node keeps a forgotten key in memory. Thread-safe.
 */
public final class SubjectKeys {
    public static final String COLLECTION = "history_subject_keys";
    static final String SUBJECT_ID_KEY = "subject-id-key";
    private static final int DUPLICATE_KEY = 11000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> keys;
    private final MasterKey masterKey;
    private final Map<String, SecretKey> cache = new ConcurrentHashMap<>();
    /** Subjects forgotten elsewhere whose key document was still there when last read. */
    private final java.util.Set<String> evicted = ConcurrentHashMap.newKeySet();
    private volatile byte[] subjectIdKey;

    public SubjectKeys(MongoDatabase database, MasterKey masterKey) {
        this.keys = database.getCollection(COLLECTION);
        this.masterKey = masterKey;
    }

    /** The normalised form of an address: trimmed, without angle brackets, lower case. */
    public static String normalise(String address) {
        String a = address == null ? "" : address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1).strip();
        }
        return a.toLowerCase(Locale.ROOT);
    }

    /** The subject id of an address. */
    public String subjectId(String address) {
        byte[] digest = hmac.get().doFinal(normalise(address).getBytes(StandardCharsets.UTF_8));
        return "ds-" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** One initialised HMAC per thread: a provider look-up and key set-up per address cost more than the MAC. */
    private final ThreadLocal<Mac> hmac = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectIdKey(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    /** The AES-256 data key of a subject, made on first use. */
    SecretKey dataKey(String subjectId) {
        if (evicted.contains(subjectId)) {
            Optional<SecretKey> stored = load(subjectId);
            if (stored.isPresent()) {
                return stored.get(); // about to be destroyed by the forgetting node: not cached
            }
            evicted.remove(subjectId);
        }
        SecretKey key = cache.computeIfAbsent(subjectId, id -> load(id).orElseGet(() -> create(id)));
        if (evicted.contains(subjectId)) {
            cache.remove(subjectId); // evicted while it was being loaded
        }
        return key;
    }

    /** The data key of a subject if it exists (not forgotten, used before). */
    Optional<SecretKey> existingDataKey(String subjectId) {
        SecretKey cached = cache.get(subjectId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> stored = load(subjectId);
        if (stored.isEmpty()) {
            evicted.remove(subjectId);
        } else if (!evicted.contains(subjectId)) {
            cache.put(subjectId, stored.get());
            if (evicted.contains(subjectId)) {
                cache.remove(subjectId);
            }
        }
        return stored;
    }

    /** Destroys a subject's data key; returns whether there was one. */
    public boolean forget(String subjectId) {
        cache.remove(subjectId);
        return keys.deleteOne(Filters.eq("_id", subjectId)).getDeletedCount() > 0;
    }

    /**
     * Drops a cached key because a node forgot the subject ({@code DataSubjectForgottenEvent}), and
     * keeps it out of the cache until its key document is seen gone.
     */
    public void evict(String subjectId) {
        evicted.add(subjectId);
        cache.remove(subjectId);
    }

    /** Whether this node holds the subject's key in memory (tests and the eviction's log). */
    public boolean cached(String subjectId) {
        return cache.containsKey(subjectId);
    }

    private Optional<SecretKey> load(String subjectId) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", subjectId)).first())
                .map(d -> new SecretKeySpec(open(subjectId, d), "AES"));
    }

    private SecretKey create(String subjectId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        if (!insert(subjectId, key)) {
            return load(subjectId).orElseThrow(); // another node made it first
        }
        return new SecretKeySpec(key, "AES");
    }

    private byte[] subjectIdKey() {
        byte[] key = subjectIdKey;
        if (key == null) {
            synchronized (this) {
                if (subjectIdKey == null) {
                    Document d = keys.find(Filters.eq("_id", SUBJECT_ID_KEY)).first();
                    if (d == null) {
                        byte[] fresh = new byte[32];
                        RANDOM.nextBytes(fresh);
                        if (!insert(SUBJECT_ID_KEY, fresh)) {
                            d = keys.find(Filters.eq("_id", SUBJECT_ID_KEY)).first();
                        } else {
                            subjectIdKey = fresh;
                        }
                    }
                    if (subjectIdKey == null) {
                        subjectIdKey = open(SUBJECT_ID_KEY, d);
                    }
                }
                key = subjectIdKey;
            }
        }
        return key;
    }

    private boolean insert(String id, byte[] key) {
        try {
            keys.insertOne(new Document("_id", id).append("sealed",
                    Base64.getEncoder().encodeToString(masterKey.seal(id, key))));
            return true;
        } catch (MongoWriteException e) {
            if (e.getCode() == DUPLICATE_KEY) {
                return false;
            }
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a subject key", e);
        }
    }

    private byte[] open(String id, Document d) {
        try {
            return masterKey.open(id, Base64.getDecoder().decode(d.getString("sealed")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("subject key " + id + " does not open with this master key", e);
        }
    }
}
