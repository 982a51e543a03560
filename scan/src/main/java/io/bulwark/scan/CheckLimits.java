package io.bulwark.scan;

import java.time.Duration;

/**
 * Limits of one check. A message over {@code maxMessageBytes} is not given to the check at all:
 * its outcome is SKIPPED with the reason. The time limit is the check's own, lower than its
 * module's; null means the module's (reference notes A.8: anti-virus 180 s, anti-spam and
 * anti-phishing 30 s, sandbox 600 s).
 *
 * @param timeLimit       longest run, or null for the module's limit
 * @param maxMessageBytes largest raw message the check looks at, 0 for no limit
 */
public record CheckLimits(Duration timeLimit, long maxMessageBytes) {

    /** No limits of its own. */
    public static final CheckLimits NONE = new CheckLimits(null, 0);

    public CheckLimits {
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("time limit must be positive: " + timeLimit);
        }
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("size limit must not be negative: " + maxMessageBytes);
        }
    }
}
