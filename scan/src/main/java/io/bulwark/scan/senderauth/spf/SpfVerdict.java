package io.bulwark.scan.senderauth.spf;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one SPF evaluation, as the SPF check hands it to its dependants (DMARC reads
 * {@link #result()} and {@link #domain()} for SPF alignment, RFC 7489 3.1.2) through
 * {@code CheckResult.detail(SpfVerdict.class)}. Immutable.
 *
 * @param result      the RFC 7208 2.6 result
 * @param identity    which identity was checked: {@code mailfrom}, or {@code helo} for the null
 *                    sender (RFC 7208 2.4)
 * @param domain      the domain that was checked (MAIL FROM's domain, or the HELO name), lower case
 * @param explanation why: the domain's explanation (exp=, RFC 7208 6.2) for a fail, otherwise a
 *                    short description of the result; never null
 */
public record SpfVerdict(Result result, String identity, String domain, String explanation) {

    /** The closed set of RFC 7208 2.6 results. */
    public enum Result {
        NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

        /** The result's keyword as RFC 7208 and RFC 8601 write it ({@code softfail}). */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The result of a keyword; jSPF's legacy names {@code error} and {@code unknown} included. */
        public static Result of(String keyword) {
            String k = keyword == null ? "" : keyword.trim().toLowerCase(Locale.ROOT);
            return switch (k) {
                case "error" -> TEMPERROR;
                case "unknown" -> PERMERROR;
                default -> Result.valueOf(k.toUpperCase(Locale.ROOT));
            };
        }
    }

    public SpfVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(identity, "identity");
        domain = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
        explanation = explanation == null ? "" : explanation;
    }
}
