package io.bulwark.scan.antivirus;

import io.bulwark.scan.archive.Leaf;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;

/**
 * An anti-virus engine that looks at one object at a time: a decoded MIME part or an archive
 * member, as the node's {@link io.bulwark.scan.archive.ArchiveWalker} hands them out. The engine
 * never unpacks anything itself (the walker owns the archive limits); {@link LeafEngineCheck}
 * joins the two.
 *
 * <p>Implementations are thread-safe.
 */
public interface LeafEngine {

    /** Short name used in reasons ("signatures"). */
    String name();

    /**
     * The engine as one message sees it: implementations that reload their data hand out the data
     * current now, so that every object of a message is judged by the same signatures.
     *
     * @return empty when the engine cannot scan at all now, with why in {@link #unavailable()}
     */
    Optional<Scanner> forMessage();

    /** Why {@link #forMessage()} is empty (no usable database, ...). */
    String unavailable();

    /** Scans objects of one message; confined to the message's check thread. */
    @FunctionalInterface
    interface Scanner {
        /** The names of the signatures found in the leaf, empty when none. Reads the leaf's stream. */
        Collection<String> scan(Leaf leaf) throws IOException;
    }
}
