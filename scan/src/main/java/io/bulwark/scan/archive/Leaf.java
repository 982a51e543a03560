package io.bulwark.scan.archive;

import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.filetype.FileTypeDetector;
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
 * @param declaredType the MIME type the sender declared for the part (lower case, no parameters);
 *                 empty for container entries, which have none
 * @param type     the real type found from the content ({@link FileTypeDetector}), whatever the
 *                 name and the declared type say
 */
public record Leaf(String partPath, List<String> names, int depth, InputStream content, String declaredType,
        FileType type) {

    public Leaf {
        names = List.copyOf(names);
        declaredType = declaredType == null ? "" : declaredType;
        type = type == null ? FileType.UNKNOWN : type;
    }

    /** A leaf whose type was not detected (kept for callers from before types were detected). */
    public Leaf(String partPath, List<String> names, int depth, InputStream content) {
        this(partPath, names, depth, content, "", FileType.UNKNOWN);
    }

    /** The type the leaf's name claims (by its extension), UNKNOWN when the name says nothing. */
    public FileType nameType() {
        return FileTypeDetector.shared().byName(name());
    }

    /**
     * Whether the name or the declared MIME type claims another category than the content has
     * (an executable named {@code .pdf}, a zip declared as {@code image/png}). Names and
     * declarations that say nothing (no extension, {@code application/octet-stream}) never differ.
     */
    public boolean typeMismatch() {
        FileType byName = nameType();
        if (!byName.equals(FileType.UNKNOWN) && byName.category() != type.category()) {
            return true;
        }
        if (declaredType.isEmpty() || declaredType.equals(FileType.UNKNOWN.mediaType())
                || declaredType.startsWith("text/plain")) {
            return false;
        }
        FileCategory declared = FileType.categoryOf(declaredType);
        return declared != type.category();
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
