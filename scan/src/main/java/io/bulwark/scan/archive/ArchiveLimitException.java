package io.bulwark.scan.archive;

import java.io.IOException;

/**
 * Thrown by a leaf's stream when reading it would pass one of the walk's {@link ArchiveLimits}.
 * An {@link IOException} so that it travels through code that reads streams; the walker turns it
 * into a LIMIT notice, and remembers it even when a visitor swallows it.
 */
public final class ArchiveLimitException extends IOException {
    public ArchiveLimitException(String reason) {
        super(reason);
    }
}
