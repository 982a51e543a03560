package io.bulwark.events.dkim;

import java.time.Instant;
import java.util.List;

/**
 * A DKIM key as the console and the API list it.
 *
 * @param id               the key id
 * @param domain           the signing domain
 * @param selector         the selector
 * @param algorithm        {@value DkimKeyIds#RSA_2048} or {@value DkimKeyIds#ED25519}
 * @param origin           {@value DkimKeyIds#GENERATED} or {@value DkimKeyIds#IMPORTED}
 * @param dnsName          where the record is published: {@code <selector>._domainkey.<domain>}
 * @param dnsRecord        the TXT value to publish there
 * @param signedHeaders    the header fields signed (empty: the default list)
 * @param canonicalization {@code c=}
 * @param signatureValidityDays days a signature stays valid, or null
 * @param createdAt        when it was created
 * @param createdBy        who did
 * @param active           whether it signs its domain's mail (the domain's newest key)
 */
public record DkimKeyView(String id, String domain, String selector, String algorithm, String origin,
        String dnsName, String dnsRecord, List<String> signedHeaders, String canonicalization,
        Integer signatureValidityDays, Instant createdAt, String createdBy, boolean active) {

    public DkimKeyView {
        signedHeaders = signedHeaders == null ? List.of() : List.copyOf(signedHeaders);
    }

    /** The name the TXT record is published at (RFC 6376 3.6.2.1). */
    public static String dnsName(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }
}
