package io.bulwark.events.tls;

import io.bulwark.events.AggregateCommand;

/**
 * Make the certificate the one the SMTP listener presents, on every node.
 *
 * @param certificateId the certificate
 * @param actor         the administrator
 */
public record ActivateCertificateCommand(String certificateId, String actor) implements AggregateCommand {
    @Override
    public String targetId() {
        return CertificateIds.AGGREGATE_ID;
    }
}
