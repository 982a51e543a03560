package io.bulwark.admin.dkim;

import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.secrets.SealedKeys;

import com.mongodb.client.MongoDatabase;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import org.bson.Document;

/**
 * The DKIM private keys, sealed with the {@link MasterKey} in the MongoDB collection
 * {@value #COLLECTION} (layout and sealing: {@link SealedKeys}), under the key's id, with its domain
 * and selector in clear. Written before the command that records the key and removed when the
 * command is refused or the key deleted, so an event never names a key that is not stored. Gateway
 * nodes open them with the same master key file. Thread-safe.
 */
public final class DkimKeyVault {
    /** The collection; the gateway reads it with the same layout. */
    public static final String COLLECTION = "dkim_keys";

    private final SealedKeys keys;

    public DkimKeyVault(MongoDatabase database, MasterKey masterKey) {
        this.keys = new SealedKeys(database, COLLECTION, masterKey);
    }

    /** Seals and stores a private key. */
    public void store(String keyId, String domain, String selector, PrivateKey key) throws GeneralSecurityException {
        keys.store(keyId, key, new Document("domain", domain).append("selector", selector));
    }

    /** Whether a key is stored under the id. */
    public boolean contains(String keyId) {
        return keys.document(keyId).isPresent();
    }

    /** Removes a key (idempotent). */
    public void delete(String keyId) {
        keys.delete(keyId);
    }
}
