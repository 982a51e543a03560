package io.bulwark.scan.archive;

import java.io.IOException;

/**
 * Receives the leaf objects of a walk, one at a time, on the walking thread.
 */
@FunctionalInterface
public interface LeafVisitor {

    /**
     * Looks at one leaf. The leaf's stream is only valid during this call; reading past a limit
     * throws {@link ArchiveLimitException}, which the walker turns into a notice.
     *
     * @return true to go on with the next leaf, false to end the walk (e.g. enough was found)
     */
    boolean visit(Leaf leaf) throws IOException;
}
