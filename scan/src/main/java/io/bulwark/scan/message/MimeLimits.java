package io.bulwark.scan.message;

/**
 * Limits of MIME parsing. Hitting one never fails the parse: the view records a problem and the
 * scanners report NOT_SCANNED with it as the reason.
 *
 * @param maxParts        leaf parts kept
 * @param maxDepth        nesting of multiparts and attached messages
 * @param maxDecodedBytes decoded bytes kept over all parts
 * @param maxHeaderFields header fields per entity (mime4j refuses more)
 */
public record MimeLimits(int maxParts, int maxDepth, long maxDecodedBytes, int maxHeaderFields) {

    /** Defaults sized for a gateway that accepts messages up to 50 MB. */
    public static MimeLimits defaults() {
        return new MimeLimits(1_000, 32, 100L * 1024 * 1024, 10_000);
    }
}
