package io.bulwark.scan.licence;

import io.bulwark.events.licence.LicenceKeyFacts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies licence key files against the licence authority keys this installation trusts
 * ({@code bulwark.licence.public-key}; several, comma-separated, while an authority key is being
 * rotated). Immutable and thread-safe.
 *
 * <p>Order of the checks, so that each refusal names its real cause: well-formed; names a trusted
 * authority (else {@link Verification.Outcome#UNTRUSTED_AUTHORITY}); signature matches the contents
 * (else {@link Verification.Outcome#TAMPERED}); product is Bulwark; then the validity window at the
 * given time, which is reported, not refused (an expired commercial key may be installed: scanning
 * goes on without updates).
 */
public final class LicenceVerifier {
    private final Map<String, Ed25519PublicKeyParameters> trusted = new LinkedHashMap<>();

    /** Trusts the given public keys (32 raw bytes in base64 each). */
    public LicenceVerifier(List<String> publicKeys) {
        for (String key : publicKeys) {
            if (key == null || key.isBlank()) {
                continue;
            }
            Ed25519PublicKeyParameters parameters = LicenceAuthority.publicKey(key);
            trusted.put(LicenceAuthority.keyId(parameters.getEncoded()), parameters);
        }
    }

    /** Whether any authority is trusted. */
    public boolean configured() {
        return !trusted.isEmpty();
    }

    /** The ids of the trusted authority keys. */
    public List<String> trustedKeyIds() {
        return List.copyOf(trusted.keySet());
    }

    /** Verifies a key file at time {@code now}. Never throws for bad input: the outcome says. */
    public Verification verify(String keyFile, Instant now) {
        LicenceKeyFile.Parsed parsed;
        LicenceKeyFacts facts;
        try {
            parsed = LicenceKeyFile.parse(keyFile);
        } catch (LicenceKeyFile.MalformedLicenceKeyException e) {
            return new Verification(Verification.Outcome.MALFORMED, null, e.getMessage());
        }
        Ed25519PublicKeyParameters key = trusted.get(parsed.authority());
        if (key == null) {
            return new Verification(Verification.Outcome.UNTRUSTED_AUTHORITY, null, trusted.isEmpty()
                    ? "No licence authority is configured, so no key can be verified: set bulwark.licence.public-key "
                            + "to the public key of the authority that issued licence " + parsed.licenceNumber()
                    : "Licence " + parsed.licenceNumber() + " was signed by licence authority " + parsed.authority()
                            + ", which this installation does not trust (trusted: " + String.join(", ",
                                    trusted.keySet()) + "). Check bulwark.licence.public-key or ask your supplier "
                            + "for a key from your authority.");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(false, key);
        byte[] data = parsed.signedText().getBytes(StandardCharsets.UTF_8);
        signer.update(data, 0, data.length);
        if (!signer.verifySignature(parsed.signature())) {
            return new Verification(Verification.Outcome.TAMPERED, null, "The licence key file for licence "
                    + parsed.licenceNumber() + " has been altered: its signature does not match its contents, so "
                    + "it was refused. Install the key file exactly as you received it.");
        }
        try {
            facts = parsed.facts();
        } catch (LicenceKeyFile.MalformedLicenceKeyException e) {
            return new Verification(Verification.Outcome.MALFORMED, null, e.getMessage());
        }
        if (!LicenceKeyFile.PRODUCT_NAME.equals(facts.product())) {
            return new Verification(Verification.Outcome.MALFORMED, null, "Licence " + facts.licenceNumber()
                    + " is for the product '" + facts.product() + "', not " + LicenceKeyFile.PRODUCT_NAME);
        }
        if (now.isBefore(facts.start())) {
            return new Verification(Verification.Outcome.NOT_YET_VALID, facts, "Licence " + facts.licenceNumber()
                    + " is valid from " + facts.start() + " only");
        }
        if (!now.isBefore(facts.expiry())) {
            return new Verification(Verification.Outcome.EXPIRED, facts, "Licence " + facts.licenceNumber()
                    + " expired on " + facts.expiry());
        }
        return new Verification(Verification.Outcome.VALID, facts, "Licence " + facts.licenceNumber() + " is valid until "
                + facts.expiry());
    }
}
