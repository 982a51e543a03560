package io.bulwark.scan.senderauth.dkim.internal;

import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DKIM public key record (RFC 6376 3.6.1; {@code k=ed25519} from RFC 8463 4), as published in
 * TXT at {@code <selector>._domainkey.<domain>}; ARC seals use the same records (RFC 8617 5.1).
 * Unknown tags are ignored, {@code g=} too (RFC 6376 dropped it). Immutable.
 *
 * @param keyType  {@code rsa} or {@code ed25519}
 * @param key      the public key; null when the key was revoked ({@code p=} empty)
 * @param hashes   acceptable hash algorithms ({@code h=}, lower case); empty: any
 * @param services service types ({@code s=}); the default is {@code *}
 * @param testing  flag {@code y}: the domain is testing DKIM (RFC 6376 3.6.1)
 * @param strict   flag {@code s}: the {@code i=} domain must equal {@code d=}, not a subdomain
 */
public record KeyRecord(String keyType, PublicKey key, List<String> hashes, List<String> services, boolean testing,
        boolean strict) {

    public KeyRecord {
        hashes = List.copyOf(hashes);
        services = List.copyOf(services);
    }

    /** Thrown for a record that is not a usable DKIM key record; the message says why. */
    public static final class InvalidKeyException extends Exception {
        public InvalidKeyException(String message) {
            super(message);
        }
    }

    /** Parses one TXT record (its strings already joined). */
    public static KeyRecord parse(String txt) throws InvalidKeyException {
        TagList tags;
        try {
            tags = TagList.parse(txt);
        } catch (TagList.SyntaxException e) {
            throw new InvalidKeyException("key record syntax: " + e.getMessage());
        }
        Optional<String> v = tags.get("v");
        if (v.isPresent() && !v.get().equals("DKIM1")) {
            throw new InvalidKeyException("key record version v=" + v.get() + " is not DKIM1");
        }
        if (v.isPresent() && !tags.names().iterator().next().equals("v")) {
            throw new InvalidKeyException("key record v= is not the first tag (RFC 6376 3.6.1)");
        }
        String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        if (!keyType.equals("rsa") && !keyType.equals("ed25519")) {
            throw new InvalidKeyException("key type k=" + keyType + " is not supported");
        }
        String p = tags.compact("p")
                .orElseThrow(() -> new InvalidKeyException("key record has no p= (RFC 6376 3.6.1)"));
        PublicKey key = null;
        if (!p.isEmpty()) {
            byte[] der;
            try {
                der = Base64.getDecoder().decode(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException("key record p= is not base64");
            }
            try {
                key = DkimCrypto.publicKey(keyType, der);
            } catch (DkimCrypto.BadKeyException e) {
                throw new InvalidKeyException(e.getMessage());
            }
        }
        List<String> hashes = tags.get("h").map(TagList::items).orElse(List.of());
        List<String> services = tags.get("s").map(TagList::items).orElse(List.of("*"));
        List<String> flags = tags.get("t").map(TagList::items).orElse(List.of());
        return new KeyRecord(keyType, key, hashes, services, flags.contains("y"), flags.contains("s"));
    }

    /**
     * Why this key cannot check a signature made with {@code algorithm}, or empty when it can:
     * revoked, another key type, a hash its {@code h=} excludes, a service type without email,
     * or an RSA key under 1024 bits (RFC 8301 3.2). Shared by DKIM and ARC.
     */
    public Optional<String> refusal(String algorithm, String selector, String domain) {
        if (revoked()) {
            return Optional.of("the key " + selector + " of " + domain + " is revoked (empty p=)");
        }
        if (!keyType.equals(DkimCrypto.keyTypeOf(algorithm))) {
            return Optional.of("the key is k=" + keyType + ", the signature is " + algorithm);
        }
        if (!allowsHashOf(algorithm)) {
            return Optional.of("the key record's h=" + String.join(":", hashes) + " does not allow "
                    + DkimCrypto.hashOf(algorithm));
        }
        if (!forEmail()) {
            return Optional.of("the key record's s=" + String.join(":", services) + " does not include email");
        }
        Optional<Integer> bits = DkimCrypto.rsaBits(key);
        if (bits.isPresent() && bits.get() < DkimCrypto.MIN_RSA_BITS) {
            return Optional.of("the RSA key is " + bits.get() + " bits, under the " + DkimCrypto.MIN_RSA_BITS
                    + " RFC 8301 3.2 requires");
        }
        return Optional.empty();
    }

    /** Whether the key was revoked (an empty {@code p=}, RFC 6376 3.6.1). */
    public boolean revoked() {
        return key == null;
    }

    /** Whether the record allows email ({@code s=*} or {@code s=email}). */
    public boolean forEmail() {
        return services.contains("*") || services.contains("email");
    }

    /** Whether the record allows the hash of {@code algorithm} ({@code h=}; no h= allows any). */
    public boolean allowsHashOf(String algorithm) {
        return hashes.isEmpty() || hashes.contains(DkimCrypto.hashOf(algorithm));
    }
}
