package io.bulwark.events.antivirus;

import java.time.Instant;

/**
 * One signature database as a node has it loaded: a ClamAV container ({@code daily.cvd}) or a
 * plain file an administrator dropped in ({@code local.hdb}, version 0, no publishing time).
 *
 * @param name        the file name
 * @param version     the version from the container's header; 0 for a plain file
 * @param records     signatures: as the container's header declares them, or as loaded from a
 *                    plain file
 * @param publishedAt when the container was built (its header), or null
 */
public record AntivirusDatabase(String name, int version, long records, Instant publishedAt) {
}
