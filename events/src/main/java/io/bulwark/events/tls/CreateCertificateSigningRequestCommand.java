package io.bulwark.events.tls;

import io.bulwark.events.AggregateCommand;
import java.util.List;

/**
 * Record a pending certificate: a key generated and stored under {@code keyId}, and a PKCS#10
 * request for a CA. The certificate is completed by {@link ImportCertificateCommand} with the same id.
 *
 * @param certificateId new id chosen by the caller
 * @param keyId         where the pending key is stored (with the request's PEM)
 * @param subject       the requested subject DN
 * @param subjectAltNames the requested DNS names
 * @param keyType       the key's type
 * @param actor         the administrator
 */
public record CreateCertificateSigningRequestCommand(String certificateId, String keyId, String subject,
        List<String> subjectAltNames, TlsKeyType keyType, String actor) implements AggregateCommand {

    public CreateCertificateSigningRequestCommand {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }

    @Override
    public String targetId() {
        return CertificateIds.AGGREGATE_ID;
    }
}
