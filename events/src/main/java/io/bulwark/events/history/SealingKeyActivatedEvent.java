package io.bulwark.events.history;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A history signing key became the one that signs checkpoints. The public key is in the event, so
 * it is itself hash-chained and sealed by the checkpoints after it (signed by the previous key):
 * an auditor who trusts the first key can follow every rotation.
 *
 * @param keyId         identifies the key in checkpoints ({@code hk-} and the first 16 hex digits
 *                      of the SHA-256 of the public key)
 * @param algorithm     {@code Ed25519}
 * @param publicKey     the public key, X.509 SubjectPublicKeyInfo DER, base64
 * @param previousKeyId the key it replaces, or {@code null} for the first
 * @param actor         who rotated it
 * @param reason        why
 * @param at            when it became active
 */
@EventRevision("1")
public record SealingKeyActivatedEvent(String keyId, String algorithm, String publicKey, String previousKeyId,
        String actor, String reason, Instant at) {
}
