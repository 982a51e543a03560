package io.bulwark.scan.senderauth.dmarc;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of DMARC evaluation of one message (RFC 7489 6.6), as the DMARC check hands it to
 * the rule engine and to later checks through {@code CheckResult.detail(DmarcVerdict.class)}.
 * Immutable.
 *
 * @param result       the RFC 7489 11.2 / RFC 8601 result
 * @param fromDomain   the Author Domain (RFC5322.From domain, lower-case A-labels) whose outcome
 *                     this is (with several From domains, the one that decided); empty when the
 *                     message has none
 * @param policyDomain where the policy record was found: the From domain or its Organizational
 *                     Domain (6.6.3); empty when no record was found
 * @param p            the record's requested policy ({@code p}), null without a valid record
 * @param sp           the record's sub-domain policy ({@code sp}), null when the record has none
 *                     (then {@code p} applies to sub-domains) or there is no valid record
 * @param pct          the record's {@code pct} (100 when absent)
 * @param applied      the policy to apply after {@code sp} and {@code pct} (6.6.4: a message not
 *                     sampled gets the next less strict policy) and any override; NONE unless the
 *                     result is FAIL
 * @param spfAligned   SPF passed for a MAIL FROM domain aligned with the From domain (3.1.2)
 * @param dkimAligned  a DKIM signature of a domain aligned with the From domain passed (3.1.1)
 * @param reason       why, in words an administrator understands
 * @param override     the trusted ARC sealer whose recorded results made the failure acceptable
 *                     (RFC 8617 7.2, a local policy override); empty when there was none
 */
public record DmarcVerdict(Result result, String fromDomain, String policyDomain, Policy p, Policy sp, int pct,
        Policy applied, boolean spfAligned, boolean dkimAligned, String reason, String override) {

    /** RFC 7489 11.2 results of the {@code dmarc} method. */
    public enum Result {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        /** The keyword as RFC 8601 writes it. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 7489 6.3 requested policies, strictest last. */
    public enum Policy {
        NONE, QUARANTINE, REJECT;

        /** The tag value ({@code p=quarantine}). */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** 6.6.4: the next policy less strict than this one (none stays none). */
        public Policy lessStrict() {
            return this == REJECT ? QUARANTINE : NONE;
        }
    }

    public DmarcVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(applied, "applied");
        fromDomain = fromDomain == null ? "" : fromDomain;
        policyDomain = policyDomain == null ? "" : policyDomain;
        reason = reason == null ? "" : reason;
        override = override == null ? "" : override;
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("pct must be 0 to 100: " + pct);
        }
    }

    /** Whether a trusted ARC sealer's results overrode a failure. */
    public boolean overridden() {
        return !override.isEmpty();
    }
}
