package io.bulwark.scan.senderauth.dkim;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of DKIM verification of one message (RFC 6376 6), as the DKIM check hands it to its
 * dependants through {@code CheckResult.detail(DkimVerdict.class)}: DMARC reads the passing
 * signatures' {@code d=} domains for DKIM alignment (RFC 7489 3.1.1). Immutable.
 *
 * @param signatures one entry per {@code DKIM-Signature} field, in header order (top first); empty
 *                   when the message is not signed (result {@code none})
 */
public record DkimVerdict(List<Signature> signatures) {

    /** RFC 8601 2.7.1 results of one signature. */
    public enum Result {
        NONE, PASS, FAIL, POLICY, NEUTRAL, TEMPERROR, PERMERROR;

        /** The keyword as RFC 8601 writes it ({@code temperror}). */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One signature's result.
     *
     * @param result         its RFC 8601 result
     * @param domain         the signing domain ({@code d=}), lower case; empty when the field could
     *                       not be parsed that far
     * @param selector       {@code s=}; empty when absent
     * @param algorithm      {@code a=} as written ({@code rsa-sha256}, {@code ed25519-sha256})
     * @param identity       {@code i=} when given, else empty
     * @param headerB        the first 8 characters of {@code b=}, for {@code header.b} (RFC 6008)
     * @param reason         why, in words an administrator understands ("body hash did not
     *                       verify", "key is 512 bits, under the 1024 RFC 8301 requires")
     * @param unsignedTail   bytes of body after the {@code l=} length that the signature does not
     *                       cover; 0 without {@code l=}
     */
    public record Signature(Result result, String domain, String selector, String algorithm, String identity,
            String headerB, String reason, long unsignedTail) {
        public Signature {
            Objects.requireNonNull(result, "result");
            domain = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
            selector = selector == null ? "" : selector;
            algorithm = algorithm == null ? "" : algorithm;
            identity = identity == null ? "" : identity;
            headerB = headerB == null ? "" : headerB;
            reason = reason == null ? "" : reason;
        }
    }

    public DkimVerdict {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    /** The signing domains of the signatures that passed, in header order, without repeats. */
    public List<String> passingDomains() {
        return signatures.stream().filter(s -> s.result() == Result.PASS).map(Signature::domain).distinct().toList();
    }
}
