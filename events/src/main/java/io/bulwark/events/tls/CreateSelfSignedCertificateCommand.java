package io.bulwark.events.tls;

import io.bulwark.events.AggregateCommand;

/**
 * Record a self-signed certificate whose key was generated and stored (encrypted) under {@code keyId}.
 *
 * @param certificateId new id chosen by the caller
 * @param keyId         where the key material is stored
 * @param details       the certificate's public facts
 * @param actor         the administrator
 */
public record CreateSelfSignedCertificateCommand(String certificateId, String keyId, CertificateDetails details,
        String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return CertificateIds.AGGREGATE_ID;
    }
}
