package io.bulwark.gateway.dkim;

import io.bulwark.events.dkim.DkimKeyIds;
import io.bulwark.scan.senderauth.dkim.SigningKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's DKIM signing keys, opened, in memory: filled by {@link DkimKeyTracker} from the key
 * events, read by {@link DkimOutboundSigner} for every outgoing transaction.
 *
 * <p>Which key signs for a domain is the rotation rule of the events ({@link DkimKeyIds#newerThan}:
 * the domain's newest key), among the keys this node could open; a key it could not open (another
 * node's master key file) is not here, so the previous key keeps signing and the failure is in the
 * log. Thread-safe.
 */
public final class DkimKeyRing {
    /** A key as loaded: its creation time orders rotation. */
    public record Entry(String keyId, Instant createdAt, SigningKey key) {
        @Override
        public String toString() {
            return "Entry[" + keyId + " " + key.selector() + "._domainkey." + key.domain() + "]"; // never the key
        }
    }

    private final Map<String, Entry> keys = new ConcurrentHashMap<>();

    /** Adds (or replaces) a key. */
    public void put(Entry entry) {
        keys.put(entry.keyId(), entry);
    }

    /** Removes a key (idempotent). */
    public void remove(String keyId) {
        keys.remove(keyId);
    }

    /** Whether the key is loaded. */
    public boolean contains(String keyId) {
        return keys.containsKey(keyId);
    }

    /** The key that signs for exactly {@code domain}: its newest. */
    public Optional<SigningKey> active(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        Entry newest = null;
        for (Entry entry : keys.values()) {
            if (entry.key().domain().equals(d) && (newest == null
                    || DkimKeyIds.newerThan(entry.createdAt(), entry.keyId(), newest.createdAt(), newest.keyId()))) {
                newest = entry;
            }
        }
        return Optional.ofNullable(newest).map(Entry::key);
    }

    /**
     * The key for mail whose From domain is {@code fromDomain}: that domain's own key, else the key of
     * its nearest parent domain that has one (a signature with {@code d=example.com} on mail from
     * {@code news.example.com} aligns under DMARC's relaxed alignment, RFC 7489 3.1.1).
     */
    public Optional<SigningKey> forFromDomain(String fromDomain) {
        String d = fromDomain.toLowerCase(Locale.ROOT);
        while (true) {
            Optional<SigningKey> key = active(d);
            int dot = d.indexOf('.');
            if (key.isPresent() || dot < 0 || d.indexOf('.', dot + 1) < 0) {
                return key; // stop before a top-level domain
            }
            d = d.substring(dot + 1);
        }
    }
}
