package io.bulwark.scan.senderauth.dmarc.internal;

import io.bulwark.scan.domain.PublicSuffixList;
import java.util.Arrays;

/**
 * The Organizational Domain of RFC 7489 3.2 (the public suffix plus one label) from the node's
 * {@link PublicSuffixList}.
 *
 * <p>The list answers host names only, and DMARC domains need not be host names: an underscore
 * is legal in a DNS label (RFC 2181 11) and is met in From domains ({@code zero_pct.com} in the
 * rspamd suite). No suffix rule contains an underscore, so asking the list about the name with
 * each {@code _} replaced by a letter gives the same label count; that many labels of the real
 * name are the answer. A name the list has no registrable domain for (a public suffix itself, a
 * single label) is its own Organizational Domain, so DMARC asks no second, broader question.
 * Stateless.
 */
public final class OrganizationalDomain {
    private OrganizationalDomain() {
    }

    /** The Organizational Domain of a lower-case A-label domain. */
    public static String of(String domain, PublicSuffixList suffixes) {
        String[] labels = domain.split("\\.");
        return suffixes.registrableDomain(domain.replace('_', 'u'))
                .map(registrable -> registrable.split("\\.").length)
                .filter(count -> count <= labels.length)
                .map(count -> String.join(".", Arrays.asList(labels).subList(labels.length - count, labels.length)))
                .orElse(domain);
    }

    /** Relaxed alignment (RFC 7489 3.1): both names have the same Organizational Domain. */
    public static boolean relaxedMatch(String a, String b, PublicSuffixList suffixes) {
        return a.equals(b) || of(a, suffixes).equals(of(b, suffixes));
    }
}
