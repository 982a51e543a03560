package io.bulwark.gateway.scan;

import java.util.List;

/**
 * The one place where scanners are registered. Adding a scanner means adding it to
 * {@link #defaults()}, nothing else: the pipeline, the policy and the decision work from the
 * module a scanner declares.
 */
public final class ScannerRegistry {
    private ScannerRegistry() {
    }

    /**
     * The built-in scanners with the configured limits.
     *
     * @param timeLimit       per module and message
     * @param maxArchiveDepth archives inside archives
     * @param maxArchiveBytes bytes unpacked per attachment
     */
    public static List<Scanner> configured(java.time.Duration timeLimit, int maxArchiveDepth, long maxArchiveBytes) {
        EicarAntiVirus.Limits d = EicarAntiVirus.Limits.defaults();
        return List.of(
                new EicarAntiVirus(new EicarAntiVirus.Limits(maxArchiveDepth, maxArchiveBytes, d.maxRatio(),
                        d.maxEntries(), timeLimit)),
                Scanner.limitedTo(new GtubeAntiSpam(false), timeLimit));
    }

    /** The built-in scanners. */
    public static List<Scanner> defaults() {
        return List.of(
                new EicarAntiVirus(EicarAntiVirus.Limits.defaults()),
                new GtubeAntiSpam(false));
    }
}
