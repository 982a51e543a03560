package io.bulwark.gateway.dkim;

import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyIds;
import io.bulwark.scan.senderauth.dkim.DkimKeys;
import io.bulwark.scan.senderauth.dkim.SigningKey;
import io.bulwark.store.secrets.SealedKeys;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;

/**
 * Opens a DKIM key that the admin backend sealed in the {@value #COLLECTION} collection (layout:
 * {@link SealedKeys}, with the domain and selector in clear) and makes it a {@link SigningKey} with
 * the choices of its creation event. Thread-safe.
 */
public final class DkimKeyLoader {
    /** The collection the admin backend's vault writes. */
    public static final String COLLECTION = "dkim_keys";

    private final SealedKeys keys;

    public DkimKeyLoader(SealedKeys keys) {
        this.keys = keys;
    }

    /**
     * The key of a creation event.
     *
     * @throws GeneralSecurityException when it is not stored, does not open with this node's master
     *                                  key, or is not the event's key (another domain or selector)
     */
    public DkimKeyRing.Entry load(DkimKeyCreatedEvent event) throws GeneralSecurityException {
        var document = keys.document(event.keyId())
                .orElseThrow(() -> new GeneralSecurityException("no stored DKIM key under id " + event.keyId()));
        if (!event.domain().equals(document.getString("domain"))
                || !event.selector().equals(document.getString("selector"))) {
            throw new GeneralSecurityException("stored DKIM key " + event.keyId() + " is not for "
                    + event.selector() + "._domainkey." + event.domain());
        }
        PrivateKey key = keys.open(document);
        String algorithm = DkimKeyIds.ED25519.equals(event.algorithm()) ? DkimKeys.ED25519_SHA256 : DkimKeys.RSA_SHA256;
        Duration expiry = event.signatureValidityDays() == null ? null : Duration.ofDays(event.signatureValidityDays());
        return new DkimKeyRing.Entry(event.keyId(), event.at(), new SigningKey(event.domain(), event.selector(),
                algorithm, key, event.signedHeaders(), event.canonicalization(), expiry));
    }
}
