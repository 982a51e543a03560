package io.bulwark.events.dkim;

import io.bulwark.events.AggregateCommand;
import java.util.List;

/**
 * Record a DKIM signing key whose private half was generated (or imported) and sealed under
 * {@code keyId}. The newest key of a domain signs its outgoing mail ({@link DkimKeyIds#newerThan}).
 *
 * @param keyId            new id chosen by the caller; also where the sealed key is stored
 * @param domain           the signing domain ({@code d=})
 * @param selector         the selector ({@code s=}, RFC 6376 3.1)
 * @param algorithm        {@value DkimKeyIds#RSA_2048} or {@value DkimKeyIds#ED25519}
 * @param origin           {@value DkimKeyIds#GENERATED} or {@value DkimKeyIds#IMPORTED}
 * @param dnsRecord        the TXT value to publish at {@code <selector>._domainkey.<domain>}
 * @param signedHeaders    header fields to sign, empty for the default list
 * @param canonicalization {@code c=}, null for {@code relaxed/relaxed}
 * @param signatureValidityDays days a signature stays valid ({@code x=}), null for no expiry
 * @param actor            the administrator
 */
public record CreateDkimKeyCommand(String keyId, String domain, String selector, String algorithm, String origin,
        String dnsRecord, List<String> signedHeaders, String canonicalization, Integer signatureValidityDays,
        String actor) implements AggregateCommand {

    public CreateDkimKeyCommand {
        signedHeaders = signedHeaders == null ? List.of() : List.copyOf(signedHeaders);
    }

    @Override
    public String targetId() {
        return DkimKeyIds.AGGREGATE_ID;
    }
}
