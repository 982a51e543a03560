package io.bulwark.scan.licence;

import io.bulwark.events.licence.LicenceKeyFacts;

/**
 * The verifier's answer about one key file at one time.
 *
 * @param outcome what was found
 * @param key     what the key certifies when its signature verified, else null
 * @param message a sentence for the administrator (refusals say what to do)
 */
public record Verification(Outcome outcome, LicenceKeyFacts key, String message) {

    /** The outcomes; the first three have a trustworthy key, the others are refused. */
    public enum Outcome {
        /** Signature good, valid now. */
        VALID,
        /** Signature good, its expiry has passed. */
        EXPIRED,
        /** Signature good, its start is still ahead. */
        NOT_YET_VALID,
        /** Names a trusted authority but the signature does not match the contents: the file was altered. */
        TAMPERED,
        /** Signed by an authority this installation does not trust (or none is configured). */
        UNTRUSTED_AUTHORITY,
        /** Not a licence key file at all, or a field is not of its kind. */
        MALFORMED
    }

    /** Whether the signature verified, so {@link #key()} can be believed. */
    public boolean authentic() {
        return outcome == Outcome.VALID || outcome == Outcome.EXPIRED || outcome == Outcome.NOT_YET_VALID;
    }
}
