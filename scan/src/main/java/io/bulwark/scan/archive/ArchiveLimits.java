package io.bulwark.scan.archive;

/**
 * The limits of one walk (one message). Reaching one stops the walk of that part with a LIMIT
 * notice naming the limit.
 *
 * @param maxDepth      containers inside containers: 1 is an archive attached directly
 * @param maxTotalBytes bytes unpacked from containers over the whole message
 * @param maxRatio      unpacked bytes per compressed byte of one entry (zip bombs), checked once
 *                      an entry has unpacked more than {@code ratioFloorBytes}
 * @param maxEntries    container entries over the whole message
 * @param ratioFloorBytes below this many unpacked bytes an entry's ratio is not checked (small
 *                      files of zeros compress well and are harmless)
 * @param maxTime       wall time one walk (one message) may take; the reference's anti-virus time
 *                      limit is 180 s (reference notes A.8). The pipeline's per-check limit still
 *                      interrupts a check; this one ends the walk with a reason of its own first.
 */
public record ArchiveLimits(int maxDepth, long maxTotalBytes, long maxRatio, int maxEntries, long ratioFloorBytes,
        java.time.Duration maxTime) {
    /** The walk time limit of {@link #defaults()} and of the five-limit constructor. */
    public static final java.time.Duration DEFAULT_MAX_TIME = java.time.Duration.ofSeconds(180);

    public ArchiveLimits {
        if (maxDepth < 1 || maxTotalBytes < 1 || maxRatio < 1 || maxEntries < 1 || ratioFloorBytes < 0
                || maxTime == null || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("archive limits must be positive: depth " + maxDepth + ", bytes "
                    + maxTotalBytes + ", ratio " + maxRatio + ", entries " + maxEntries + ", time " + maxTime);
        }
    }

    /** Limits with the default walk time ({@link #DEFAULT_MAX_TIME}). */
    public ArchiveLimits(int maxDepth, long maxTotalBytes, long maxRatio, int maxEntries, long ratioFloorBytes) {
        this(maxDepth, maxTotalBytes, maxRatio, maxEntries, ratioFloorBytes, DEFAULT_MAX_TIME);
    }

    /**
     * Defaults: nesting 32 (the ceiling commercial engines use, reference notes C), 200 MB
     * unpacked, ratio 200:1 past 1 MiB, 10,000 entries, 180 s.
     */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(32, 200L * 1024 * 1024, 200, 10_000, 1024 * 1024);
    }
}
