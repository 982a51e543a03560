package io.bulwark.scan.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One object found by the {@link ArchiveWalker}: a MIME part that is not a container, or an entry
 * of a container (nested at any depth).
 *
 * @param partPath the MIME part it came from (IMAP numbering, "2"): what "delete attachment"
 *                 would remove
 * @param names    the path in the tree below the part: the part's file name (empty when it has
 *                 none), then each container entry name, outermost first
 * @param depth    0 for the part itself, 1 for an entry of an attached archive, ...
 * @param content  the decoded or unpacked bytes, bounded by the walk's limits; valid only during
 *                 {@link LeafVisitor#visit}
 */
public record Leaf(String partPath, List<String> names, int depth, InputStream content) {

    public Leaf {
        names = List.copyOf(names);
    }

    /** The leaf's own name (the innermost entry name, or the part's file name), possibly empty. */
    public String name() {
        return names.isEmpty() ? "" : names.getLast();
    }

    /** Where it is, for reasons: "part 2 (invoice.zip!docs/eicar.com)", or "part 1". */
    public String location() {
        return WalkReport.location(partPath, names);
    }

    /** Reads at most {@code max} bytes from the start of the content. */
    public byte[] head(int max) throws IOException {
        return content.readNBytes(max);
    }
}
