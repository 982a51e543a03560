package io.bulwark.scan.senderauth.dkim;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the DKIM signer needs to sign for one domain (RFC 6376 3.5): the key and the choices the
 * administrator made for it. Immutable; holds the private key in memory only (the admin backend
 * keeps it sealed at rest).
 *
 * @param domain           {@code d=}, lower case
 * @param selector         {@code s=}
 * @param algorithm        {@link DkimKeys#RSA_SHA256} or {@link DkimKeys#ED25519_SHA256}
 * @param privateKey       RSA or Ed25519 private key matching {@code algorithm}
 * @param signedHeaders    header field names to sign ({@code h=}), in order; {@code From} must be
 *                         among them (RFC 6376 5.4)
 * @param canonicalization {@code c=}, e.g. {@code relaxed/relaxed}
 * @param expiry           how long signatures stay valid ({@code x=} = {@code t=} + expiry), null
 *                         for no {@code x=}
 */
public record SigningKey(String domain, String selector, String algorithm, PrivateKey privateKey,
        List<String> signedHeaders, String canonicalization, Duration expiry) {

    /** The header fields signed when the administrator names none: what mail clients show and thread on. */
    public static final List<String> DEFAULT_HEADERS = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID",
            "Reply-To", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");

    public SigningKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        domain = domain.toLowerCase(Locale.ROOT);
        signedHeaders = signedHeaders == null || signedHeaders.isEmpty() ? DEFAULT_HEADERS : List.copyOf(signedHeaders);
        if (signedHeaders.stream().noneMatch("From"::equalsIgnoreCase)) {
            throw new IllegalArgumentException("the signed headers must include From (RFC 6376 5.4)");
        }
        canonicalization = canonicalization == null || canonicalization.isBlank() ? "relaxed/relaxed" : canonicalization;
        if (!algorithm.equals(DkimKeys.RSA_SHA256) && !algorithm.equals(DkimKeys.ED25519_SHA256)) {
            throw new IllegalArgumentException("unsupported signing algorithm " + algorithm);
        }
    }
}
