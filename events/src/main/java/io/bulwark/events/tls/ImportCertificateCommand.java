package io.bulwark.events.tls;

import io.bulwark.events.AggregateCommand;

/**
 * Record an imported certificate: either a new one (chain and key imported together, stored under
 * {@code keyId}), or the CA's answer to a pending request ({@code certificateId} is the pending one,
 * {@code keyId} its key).
 *
 * @param certificateId a new id, or the id of a pending request
 * @param keyId         where the key material is stored
 * @param details       the certificate's public facts
 * @param forRequest    true when it completes a pending request
 * @param actor         the administrator
 */
public record ImportCertificateCommand(String certificateId, String keyId, CertificateDetails details,
        boolean forRequest, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return CertificateIds.AGGREGATE_ID;
    }
}
