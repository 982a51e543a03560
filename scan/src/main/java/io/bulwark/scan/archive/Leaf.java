package io.bulwark.scan.archive;

import io.bulwark.scan.filetype.FileCategory;
import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.filetype.FileTypeDetector;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One object found by the {@link ArchiveWalker}: a MIME part that is not a container, or an entry
 * of a container (nested at any depth).
 *
 * <ul>
 *   <li>{@link #partPath()}: the MIME part it came from (IMAP numbering, "2"): what "delete
 *       attachment" would remove;</li>
 *   <li>{@link #names()}: the path in the tree below the part: the part's file name (empty when it
 *       has none), then each container entry name, outermost first;</li>
 *   <li>{@link #depth()}: 0 for the part itself, 1 for an entry of an attached archive, ...;</li>
 *   <li>{@link #content()}: the decoded or unpacked bytes, bounded by the walk's limits; valid only
 *       during {@link LeafVisitor#visit};</li>
 *   <li>{@link #declaredType()}: the MIME type the sender declared for the part (lower case, no
 *       parameters); empty for container entries, which have none.</li>
 * </ul>
 *
 * The leaf's {@link #type()} is the real type found from the content ({@link FileTypeDetector}),
 * whatever the name and the declared type say; the walker detects it only when asked (ADR 0041).
 *
 * <p>Confined to the walking thread, like its stream; a class and not a record because its type
 * is found lazily.
 */
public final class Leaf {
    private final String partPath;
    private final List<String> names;
    private final int depth;
    private final InputStream content;
    private final String declaredType;
    /** Finds the type when first asked (null when the type was given). */
    private final Supplier<FileType> detection;
    /** Written once by the first {@link #type()} (benign race: the same value). */
    private volatile FileType type;

    public Leaf(String partPath, List<String> names, int depth, InputStream content, String declaredType,
            FileType type) {
        this(partPath, names, depth, content, declaredType, type == null ? FileType.UNKNOWN : type, null);
    }

    /**
     * A leaf whose type is detected only when a visitor asks for it: most visitors never do for
     * most leaves (the EICAR check and the signature engines look at bytes, the heuristics at the
     * names of inline text), and detection is the dearest step of describing an object.
     *
     * @param detection finds the type; called at most once, on the thread that first asks
     */
    public Leaf(String partPath, List<String> names, int depth, InputStream content, String declaredType,
            Supplier<FileType> detection) {
        this(partPath, names, depth, content, declaredType, null, Objects.requireNonNull(detection, "detection"));
    }

    /** A leaf whose type was not detected (kept for callers from before types were detected). */
    public Leaf(String partPath, List<String> names, int depth, InputStream content) {
        this(partPath, names, depth, content, "", FileType.UNKNOWN);
    }

    private Leaf(String partPath, List<String> names, int depth, InputStream content, String declaredType,
            FileType type, Supplier<FileType> detection) {
        this.partPath = partPath;
        this.names = List.copyOf(names);
        this.depth = depth;
        this.content = content;
        this.declaredType = declaredType == null ? "" : declaredType;
        this.type = type;
        this.detection = detection;
    }

    public String partPath() {
        return partPath;
    }

    public List<String> names() {
        return names;
    }

    public int depth() {
        return depth;
    }

    public InputStream content() {
        return content;
    }

    public String declaredType() {
        return declaredType;
    }

    /** The real type found from the content, detected on first call and kept. */
    public FileType type() {
        FileType known = type;
        if (known == null) {
            FileType found = detection.get();
            known = found == null ? FileType.UNKNOWN : found;
            type = known;
        }
        return known;
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

    @Override
    public String toString() {
        return "Leaf[" + location() + ", depth " + depth + (declaredType.isEmpty() ? "" : ", declared " + declaredType)
                + "]";
    }
}
