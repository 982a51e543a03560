package io.bulwark.store.secrets;

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
 * A MongoDB collection of private keys sealed with the {@link MasterKey}: one document per key id
 * with the key (PKCS#8 DER) sealed under that id, its JCA algorithm, the sealing's name, and
 * whatever public fields the owner keeps beside it (a certificate chain, a DKIM selector).
 *
 * <pre>{ _id: keyId, algorithm: "RSA"|"EC"|"EdDSA"|..., sealedKey: Binary,
 *   sealing: "AES-256-GCM/master-key-v1", ...public fields }</pre>
 *
 * <p>One home for the sealing of every kind of stored key (listener certificates' keys in
 * {@code tls_keys}, DKIM signing keys in {@code dkim_keys}): the admin backend writes through it,
 * gateway nodes open through it, so the layout cannot drift between writer and reader. Private
 * keys leave only as {@link PrivateKey} objects in memory; a key sealed under another id, or with
 * another node's master key, fails to open. Thread-safe.
 */
public final class SealedKeys {
    /** The sealing recorded with each key, so a later scheme can be told apart. */
    public static final String SEALING = "AES-256-GCM/master-key-v1";

    private final MongoCollection<Document> keys;
    private final MasterKey masterKey;

    public SealedKeys(MongoDatabase database, String collection, MasterKey masterKey) {
        this.keys = database.getCollection(collection);
        this.masterKey = masterKey;
    }

    /** Seals and stores {@code key} under {@code keyId}, with its public fields. */
    public void store(String keyId, PrivateKey key, Document publicFields) throws GeneralSecurityException {
        Document document = new Document("_id", keyId)
                .append("algorithm", key.getAlgorithm())
                .append("sealedKey", new Binary(masterKey.seal(keyId, key.getEncoded())))
                .append("sealing", SEALING);
        publicFields.forEach((name, value) -> {
            if (!document.containsKey(name)) {
                document.append(name, value);
            }
        });
        keys.insertOne(document);
    }

    /** The stored document (public fields and the sealed key, still sealed), if any. */
    public Optional<Document> document(String keyId) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", keyId)).first());
    }

    /** The id of the first key whose public {@code field} equals {@code value}. */
    public Optional<String> keyIdWhere(String field, Object value) {
        Document document = keys.find(Filters.eq(field, value)).first();
        return Optional.ofNullable(document == null ? null : document.getString("_id"));
    }

    /** Sets a public field of a stored key. */
    public void setPublicField(String keyId, String field, Object value) {
        keys.updateOne(Filters.eq("_id", keyId), Updates.set(field, value));
    }

    /**
     * Opens the private key of a stored document.
     *
     * @throws GeneralSecurityException when the seal does not open with this master key (another
     *                                  node's key file, a swapped or changed document)
     */
    public PrivateKey open(Document document) throws GeneralSecurityException {
        String keyId = document.getString("_id");
        Binary sealed = document.get("sealedKey", Binary.class);
        if (sealed == null) {
            throw new GeneralSecurityException("no sealed key under key id " + keyId);
        }
        byte[] der = masterKey.open(keyId, sealed.getData());
        String algorithm = document.getString("algorithm");
        return KeyFactory.getInstance(algorithm.startsWith("EC") ? "EC" : algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The opened private key stored under {@code keyId}, or empty when there is none. */
    public Optional<PrivateKey> open(String keyId) throws GeneralSecurityException {
        Optional<Document> document = document(keyId);
        return document.isEmpty() ? Optional.empty() : Optional.of(open(document.get()));
    }

    /** Removes a key (idempotent). */
    public void delete(String keyId) {
        keys.deleteOne(Filters.eq("_id", keyId));
    }
}
