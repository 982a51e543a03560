package io.bulwark.admin.tls;

import io.bulwark.store.secrets.MasterKey;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Stored key material, in the MongoDB collection {@value #COLLECTION}: one document per key id with
 * the private key (PKCS#8 DER) sealed by the {@link MasterKey}, and the public parts in clear: the
 * certificate chain (PEM) once there is one, the request (PEM) for a pending key.
 *
 * <pre>{ _id: keyId, certificateId, algorithm: "RSA"|"EC", sealedKey: Binary,
 *   sealing: "AES-256-GCM/master-key-v1", chainPem: "...", csrPem: "..." }</pre>
 *
 * <p>Keys are written before the command that records their certificate, and removed when the
 * command is refused or the certificate is deleted, so an event never refers to a missing key.
 * Thread-safe.
 */
public final class TlsKeyVault {
    /** The collection; the gateway module reads it with the same layout. */
    public static final String COLLECTION = "tls_keys";
    static final String SEALING = "AES-256-GCM/master-key-v1";

    private final MongoCollection<Document> keys;
    private final MasterKey masterKey;

    public TlsKeyVault(MongoDatabase database, MasterKey masterKey) {
        this.keys = database.getCollection(COLLECTION);
        this.masterKey = masterKey;
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
        keys.insertOne(new Document("_id", keyId)
                .append("certificateId", certificateId)
                .append("algorithm", key.getAlgorithm())
                .append("sealedKey", new Binary(masterKey.seal(keyId, key.getEncoded())))
                .append("sealing", SEALING)
                .append("chainPem", chainPem)
                .append("csrPem", csrPem));
    }

    /** Adds the CA's chain to a pending key. */
    public void attachChain(String keyId, String chainPem) {
        keys.updateOne(Filters.eq("_id", keyId), Updates.set("chainPem", chainPem));
    }

    /** The key, opened. */
    public Optional<StoredKey> find(String keyId) throws GeneralSecurityException {
        Document document = keys.find(Filters.eq("_id", keyId)).first();
        if (document == null) {
            return Optional.empty();
        }
        byte[] der = masterKey.open(keyId, document.get("sealedKey", Binary.class).getData());
        PrivateKey key = KeyFactory.getInstance(document.getString("algorithm"))
                .generatePrivate(new PKCS8EncodedKeySpec(der));
        return Optional.of(new StoredKey(keyId, document.getString("certificateId"), key,
                document.getString("chainPem"), document.getString("csrPem")));
    }

    /** The request PEM stored with a pending key (public: no opening needed). */
    public Optional<String> csrPem(String keyId) {
        Document document = keys.find(Filters.eq("_id", keyId)).first();
        return Optional.ofNullable(document == null ? null : document.getString("csrPem"));
    }

    /** The key id stored for a certificate. */
    public Optional<String> keyIdOf(String certificateId) {
        Document document = keys.find(Filters.eq("certificateId", certificateId)).first();
        return Optional.ofNullable(document == null ? null : document.getString("_id"));
    }

    /** Removes a key (idempotent). */
    public void delete(String keyId) {
        keys.deleteOne(Filters.eq("_id", keyId));
    }
}
