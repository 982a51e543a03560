package io.bulwark.events.dkim;

import io.bulwark.events.EventRevision;
import java.time.Instant;
import java.util.List;

/**
 * A DKIM signing key was created (generated or imported); its private key is sealed under
 * {@code keyId}. Being the newest of its domain, it signs the domain's outgoing mail from now on.
 * Fields as in {@link CreateDkimKeyCommand}; {@code domain} lower case.
 */
@EventRevision("1")
public record DkimKeyCreatedEvent(String keyId, String domain, String selector, String algorithm, String origin,
        String dnsRecord, List<String> signedHeaders, String canonicalization, Integer signatureValidityDays,
        String actor, Instant at) {

    public DkimKeyCreatedEvent {
        signedHeaders = signedHeaders == null ? List.of() : List.copyOf(signedHeaders);
    }
}
