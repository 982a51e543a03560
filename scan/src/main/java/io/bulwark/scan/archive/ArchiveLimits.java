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
 */
public record ArchiveLimits(int maxDepth, long maxTotalBytes, long maxRatio, int maxEntries, long ratioFloorBytes) {

    public ArchiveLimits {
        if (maxDepth < 1 || maxTotalBytes < 1 || maxRatio < 1 || maxEntries < 1 || ratioFloorBytes < 0) {
            throw new IllegalArgumentException("archive limits must be positive: depth " + maxDepth + ", bytes "
                    + maxTotalBytes + ", ratio " + maxRatio + ", entries " + maxEntries);
        }
    }

    /**
     * Defaults: nesting 32 (the ceiling commercial engines use, reference notes C), 200 MB
     * unpacked, ratio 200:1 past 1 MiB, 10,000 entries.
     */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(32, 200L * 1024 * 1024, 200, 10_000, 1024 * 1024);
    }
}
