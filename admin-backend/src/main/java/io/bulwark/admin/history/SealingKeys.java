package io.bulwark.admin.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.secrets.SealedKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.bson.Document;

/**
 * The history signing keys (Ed25519, BouncyCastle): private halves sealed with the appliance's
 * {@link MasterKey} in {@code history_sealing_keys} through {@link SealedKeys} (one home for key
 * sealing, as for the TLS and DKIM keys), public halves beside them in clear and in the
 * {@code SealingKeyActivatedEvent} that announced each key. The newest key signs; old keys are kept
 * (public half always, private half too: nothing needs it, but destroying it is an operator's
 * decision) so every old checkpoint stays verifiable.
 *
 * <p>Threat model: someone who can write the database but not read the master key file cannot
 * sign a checkpoint, so rewriting history is caught at the next signed checkpoint. Someone with
 * both can sign, but not rewrite what an auditor already exported or pinned (docs/history.md).
 * Thread-safe.
 */
public final class SealingKeys {
    public static final String COLLECTION = "history_sealing_keys";
    public static final String ALGORITHM = "Ed25519";

    private final SealedKeys sealed;
    private final MongoCollection<Document> documents;

    public SealingKeys(MongoDatabase database, MasterKey masterKey) {
        this.sealed = new SealedKeys(database, COLLECTION, masterKey);
        this.documents = database.getCollection(COLLECTION);
    }

    /** A public key and when it became active. */
    public record PublicKeyInfo(String keyId, String publicKey, Instant activatedAt, String previousKeyId) {
        /** The key as PEM ("PUBLIC KEY"), for openssl. */
        public String pem() {
            return SealingKeys.pem(Base64.getDecoder().decode(publicKey));
        }
    }

    /** The key that signs, opened. */
    public record ActiveKey(String keyId, PrivateKey privateKey) {
    }

    /** Generates a key, seals and stores it as the newest; returns its public half. */
    public PublicKeyInfo generate(Instant at) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            String keyId = keyId(spki);
            Optional<PublicKeyInfo> previous = newest();
            PublicKeyInfo info = new PublicKeyInfo(keyId, Base64.getEncoder().encodeToString(spki), at,
                    previous.map(PublicKeyInfo::keyId).orElse(null));
            sealed.store(keyId, pair.getPrivate(), new Document("publicKey", info.publicKey())
                    .append("activatedAt", Date.from(at)).append("previousKeyId", info.previousKeyId()));
            return info;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key", e);
        }
    }

    /** Every key, oldest first. */
    public List<PublicKeyInfo> all() {
        List<PublicKeyInfo> keys = new ArrayList<>();
        for (Document d : documents.find()) {
            keys.add(new PublicKeyInfo(d.getString("_id"), d.getString("publicKey"),
                    d.getDate("activatedAt").toInstant(), d.getString("previousKeyId")));
        }
        keys.sort(Comparator.comparing(PublicKeyInfo::activatedAt).thenComparing(PublicKeyInfo::keyId));
        // The order is the succession (each key names the one it replaced), not the clock: two
        // rotations within one clock tick must still leave the later key as the newest.
        Map<String, PublicKeyInfo> successorOf = new LinkedHashMap<>();
        keys.forEach(k -> successorOf.putIfAbsent(k.previousKeyId() == null ? "" : k.previousKeyId(), k));
        List<PublicKeyInfo> ordered = new ArrayList<>(keys.size());
        PublicKeyInfo next = successorOf.get("");
        while (next != null && !ordered.contains(next)) {
            ordered.add(next);
            next = successorOf.get(next.keyId());
        }
        keys.stream().filter(k -> !ordered.contains(k)).forEach(ordered::add);
        return ordered;
    }

    /** Public keys by id. */
    public Map<String, String> publicKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        all().forEach(k -> keys.put(k.keyId(), k.publicKey()));
        return keys;
    }

    public Optional<PublicKeyInfo> newest() {
        List<PublicKeyInfo> keys = all();
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getLast());
    }

    /** The newest key, opened with the master key. */
    public Optional<ActiveKey> active() {
        Optional<PublicKeyInfo> newest = newest();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ActiveKey(newest.get().keyId(), sealed.open(newest.get().keyId()).orElseThrow()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the history signing key " + newest.get().keyId()
                    + " does not open with this node's master key", e);
        }
    }

    /** Signs with Ed25519 (RFC 8032, pure: the message itself, not a pre-hash). */
    public static String sign(PrivateKey key, byte[] message) {
        try {
            AsymmetricKeyParameter parameter = PrivateKeyFactory.createKey(key.getEncoded());
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, (Ed25519PrivateKeyParameters) parameter);
            signer.update(message, 0, message.length);
            return Base64.getEncoder().encodeToString(signer.generateSignature());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("cannot sign with the history key", e);
        }
    }

    /** Checks an Ed25519 signature; false for anything malformed. */
    public static boolean verify(String publicKeyBase64, byte[] message, String signatureBase64) {
        try {
            AsymmetricKeyParameter parameter = PublicKeyFactory.createKey(Base64.getDecoder().decode(publicKeyBase64));
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, (Ed25519PublicKeyParameters) parameter);
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(Base64.getDecoder().decode(signatureBase64));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    /** {@code hk-} and the first 16 hex digits of the SHA-256 of the SubjectPublicKeyInfo. */
    public static String keyId(byte[] spki) {
        try {
            return "hk-" + ChainCodec.hex(java.security.MessageDigest.getInstance("SHA-256").digest(spki))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(byte[] spki) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PUBLIC KEY", spki));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
