package io.bulwark.scan.domain;

import java.util.Optional;

/**
 * The Public Suffix List as engines need it: the public suffix of a host name ({@code co.uk},
 * {@code com}, {@code blogspot.com}) and its registrable domain, which is the <em>Organizational
 * Domain</em> of DMARC (RFC 7489 section 3.2): the public suffix plus one label.
 *
 * <p>Both ICANN and private suffixes count ({@code foo.blogspot.com} is its own organisation, not
 * part of {@code blogspot.com}): see docs/scanning.md, "Public Suffix List", for why.
 *
 * <p>Names: case-insensitive, a trailing dot is ignored, an internationalised name may be given
 * in Unicode (U-labels) or as A-labels (punycode, RFC 5890) with the same answer. Answers are
 * lower-case A-labels without a trailing dot. A name with no registrable domain (a public suffix
 * itself, a single label), an IP address or address literal, and a name that is not a valid
 * host name (empty label, label over 63 octets, underscore, over 253 octets) answer empty; so
 * does {@code null}. A top-level domain that is not on the list is a public suffix (the list's
 * default rule {@code *}), so {@code mail.corp.internal} has the registrable domain
 * {@code corp.internal}.
 *
 * <p>Lifecycle: one instance per node ({@link #bundled()}); stateless and thread-safe.
 */
public interface PublicSuffixList {

    /** The public suffix of {@code hostName}, e.g. {@code co.uk} for {@code www.example.co.uk}. */
    Optional<String> publicSuffix(String hostName);

    /**
     * The registrable (organizational) domain of {@code hostName}, e.g. {@code example.co.uk} for
     * {@code www.example.co.uk}; empty when the name is a public suffix itself.
     */
    Optional<String> registrableDomain(String hostName);

    /** The list bundled with Guava ({@link GuavaPublicSuffixList}); updated with the Guava version. */
    static PublicSuffixList bundled() {
        return GuavaPublicSuffixList.INSTANCE;
    }
}
