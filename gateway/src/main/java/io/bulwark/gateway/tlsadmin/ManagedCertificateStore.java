package io.bulwark.gateway.tlsadmin;

import io.bulwark.store.secrets.MasterKey;

import io.bulwark.store.secrets.SealedKeys;

import com.mongodb.client.MongoDatabase;
import io.bulwark.gateway.tls.TlsMaterial;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;

/**
 * Reads a managed certificate from the {@code tls_keys} collection the admin backend writes: the
 * chain (PEM, public) and the private key (PKCS#8, sealed with the master key), and checks that the
 * chain's leaf is the one the activation event names (by SHA-256 fingerprint) and that the key
 * belongs to it, so a node never presents something other than what the administrator activated.
 *
 * <p>Layout (owned by the admin backend's {@code TlsKeyVault}): {@code {_id: keyId, certificateId,
 * algorithm, sealedKey: Binary, chainPem}}. Thread-safe.
 */
public final class ManagedCertificateStore {
    /** The collection. */
    public static final String COLLECTION = "tls_keys";

    private final SealedKeys keys;

    public ManagedCertificateStore(MongoDatabase database, MasterKey kek) {
        this.keys = new SealedKeys(database, COLLECTION, kek);
    }

    /**
     * The key and chain stored under {@code keyId}.
     *
     * @param expectedFingerprint the leaf's SHA-256 fingerprint (hex, colon-separated), as in the event
     * @throws GeneralSecurityException if missing, unreadable, not openable with this node's master
     *                                  key, or not the expected certificate
     */
    public TlsMaterial load(String keyId, String expectedFingerprint) throws GeneralSecurityException {
        Document document = keys.document(keyId).orElse(null);
        if (document == null || document.getString("chainPem") == null) {
            throw new GeneralSecurityException("no stored certificate under key id " + keyId);
        }
        PrivateKey key = keys.open(document);
        List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(document.getString("chainPem")
                        .getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toList();
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("empty certificate chain under key id " + keyId);
        }
        String fingerprint = fingerprint(chain.getFirst());
        if (expectedFingerprint != null && !expectedFingerprint.equalsIgnoreCase(fingerprint)) {
            throw new GeneralSecurityException("stored certificate " + fingerprint + " is not the activated "
                    + expectedFingerprint);
        }
        return new TlsMaterial(key, chain);
    }

    /** SHA-256 of the DER certificate, upper-case hex, colon-separated (as in the events). */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
