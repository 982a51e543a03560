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

    /** The built-in scanners. */
    public static List<Scanner> defaults() {
        return List.of(
                new EicarAntiVirus(EicarAntiVirus.Limits.defaults()),
                new GtubeAntiSpam(false));
    }
}
