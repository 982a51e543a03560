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

    /**
     * Looks at a container (an archive, a compressed file, an OOXML package, an attached
     * message) before the walker opens it, so that content filtering can judge archives by name and
     * type too. The container's {@link Leaf#content()} holds only its first bytes (up to
     * {@link io.bulwark.scan.filetype.FileTypeDetector#HEAD_BYTES}); its entries follow as leaves.
     * Engines that only look at leaves need not implement it.
     *
     * @return true to go on (open the container), false to end the walk
     */
    default boolean container(Leaf container) throws IOException {
        return true;
    }

    /**
     * Hears of an entry that is known by name only: an entry of a RAR archive, whose headers are
     * read but whose content is not unpacked (see the UNSUPPORTED_FORMAT notice of its archive).
     * Its {@link Leaf#content()} is empty and its {@link Leaf#type()} is what its name claims.
     *
     * @return true to go on, false to end the walk
     */
    default boolean listed(Leaf entry) throws IOException {
        return true;
    }
}
