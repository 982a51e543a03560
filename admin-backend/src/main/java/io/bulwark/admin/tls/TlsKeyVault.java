package io.bulwark.admin.tls;

import io.bulwark.store.secrets.MasterKey;

import io.bulwark.store.secrets.SealedKeys;

import com.mongodb.client.MongoDatabase;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Optional;
import org.bson.Document;

/**
 * Stored key material, in the MongoDB collection {@value #COLLECTION}: one document per key id with
 * the private key (PKCS#8 DER) sealed by the {@link MasterKey}, and the public parts in clear: the
 * certificate chain (PEM) once there is one, the request (PEM) for a pending key.
 *
 * <pre>{ _id: keyId, certificateId, algorithm: "RSA"|"EC", sealedKey: Binary,
 *   sealing: "AES-256-GCM/master-key-v1", chainPem: "...", csrPem: "..." }</pre>
 *
 * <p>The sealing and the layout's common part are {@link SealedKeys}'s, shared with the DKIM keys and
 * the gateway's readers. Keys are written before the command that records their certificate, and removed when the
 * command is refused or the certificate is deleted, so an event never refers to a missing key.
 * Thread-safe.
 */
public final class TlsKeyVault {
    /** The collection; the gateway module reads it with the same layout. */
    public static final String COLLECTION = "tls_keys";

    private final SealedKeys keys;

    public TlsKeyVault(MongoDatabase database, MasterKey masterKey) {
        this.keys = new SealedKeys(database, COLLECTION, masterKey);
    }

    /** A stored key with its public parts. */
    public record StoredKey(String keyId, String certificateId, PrivateKey privateKey, String chainPem,
            String csrPem) {
        @Override
        public String toString() {
            return "StoredKey[" + keyId + " for " + certificateId + "]"; // never the key
        }
    }

    /** Stores a key (and, if known, its chain or request). */
    public void store(String keyId, String certificateId, PrivateKey key, String chainPem, String csrPem)
            throws GeneralSecurityException {
        keys.store(keyId, key, new Document("certificateId", certificateId).append("chainPem", chainPem)
                .append("csrPem", csrPem));
    }

    /** Adds the CA's chain to a pending key. */
    public void attachChain(String keyId, String chainPem) {
        keys.setPublicField(keyId, "chainPem", chainPem);
    }

    /** The key, opened. */
    public Optional<StoredKey> find(String keyId) throws GeneralSecurityException {
        Optional<Document> found = keys.document(keyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Document document = found.get();
        return Optional.of(new StoredKey(keyId, document.getString("certificateId"), keys.open(document),
                document.getString("chainPem"), document.getString("csrPem")));
    }

    /** The request PEM stored with a pending key (public: no opening needed). */
    public Optional<String> csrPem(String keyId) {
        return keys.document(keyId).map(document -> document.getString("csrPem"));
    }

    /** The key id stored for a certificate. */
    public Optional<String> keyIdOf(String certificateId) {
        return keys.keyIdWhere("certificateId", certificateId);
    }

    /** Removes a key (idempotent). */
    public void delete(String keyId) {
        keys.delete(keyId);
    }
}
