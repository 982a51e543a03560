package io.bulwark.scan.senderauth.arc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of ARC chain validation (RFC 8617 5.2), as the ARC check hands it to its dependants
 * through {@code CheckResult.detail(ArcVerdict.class)}: DMARC may accept a failure when the chain
 * passes and a sealer the administrator trusts recorded a passing result (RFC 8617 7.2). Immutable.
 *
 * @param result the chain validation status ({@code cv}): none (no ARC sets), pass or fail
 * @param reason why, in words an administrator understands ("ARC-Seal i=2 did not verify")
 * @param hops   the ARC sets, oldest (i=1) first; empty for none, and possibly partial for fail
 */
public record ArcVerdict(Result result, String reason, List<Hop> hops) {

    /** RFC 8617 4.1.3 chain validation states. */
    public enum Result {
        NONE, PASS, FAIL;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One ARC set.
     *
     * @param instance            its {@code i=}
     * @param sealer              the {@code d=} of its {@code ARC-Seal}, lower case
     * @param authenticationResults the payload of its {@code ARC-Authentication-Results} after
     *                            {@code i=N;} (the results that hop saw), unfolded
     */
    public record Hop(int instance, String sealer, String authenticationResults) {
        public Hop {
            sealer = sealer == null ? "" : sealer.toLowerCase(Locale.ROOT);
            authenticationResults = authenticationResults == null ? "" : authenticationResults;
        }
    }

    public ArcVerdict {
        Objects.requireNonNull(result, "result");
        reason = reason == null ? "" : reason;
        hops = hops == null ? List.of() : List.copyOf(hops);
    }

    /** No ARC sets in the message. */
    public static ArcVerdict none() {
        return new ArcVerdict(Result.NONE, "no ARC sets", List.of());
    }
}
