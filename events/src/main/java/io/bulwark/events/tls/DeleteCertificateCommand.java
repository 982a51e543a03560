package io.bulwark.events.tls;

import io.bulwark.events.AggregateCommand;

/**
 * Remove a certificate (or a pending request) and, with it, its stored key. The active certificate
 * cannot be deleted: activate another one first.
 *
 * @param certificateId the certificate
 * @param actor         the administrator
 */
public record DeleteCertificateCommand(String certificateId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return CertificateIds.AGGREGATE_ID;
    }
}
