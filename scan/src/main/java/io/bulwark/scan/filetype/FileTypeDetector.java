package io.bulwark.scan.filetype;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Finds a file's real type from its first bytes with Apache Tika's core detector (its magic-byte
 * and glob database; not Tika's parsers). The sender chooses names and declared MIME types, so the
 * content decides: the name only refines what the bytes say (magic says "a zip", the name
 * {@code report.docx} makes it a Word document because that is a kind of zip), it never replaces
 * it (an MZ executable named {@code invoice.pdf} stays an executable). Bytes without any magic
 * take the name's type only when the name's type is a kind of text and the bytes are text (a
 * script named {@code run.bat} is a batch file).
 *
 * <p>Thread-safe; one instance per node. Loading Tika's type database takes some tens of
 * milliseconds, so {@link #shared()} loads it once.
 */
public final class FileTypeDetector {
    /** How many leading bytes detection looks at (Tika's magic patterns are within the first 8 KiB for the types we categorise). */
    public static final int HEAD_BYTES = 8192;

    private static volatile FileTypeDetector shared;

    private final MimeTypes types;
    private final MediaTypeRegistry registry;

    private FileTypeDetector(MimeTypes types) {
        this.types = types;
        this.registry = types.getMediaTypeRegistry();
    }

    /** The node's detector (Tika's default type database, loaded on first use). */
    public static FileTypeDetector shared() {
        FileTypeDetector d = shared;
        if (d == null) {
            synchronized (FileTypeDetector.class) {
                d = shared;
                if (d == null) {
                    d = new FileTypeDetector(MimeTypes.getDefaultMimeTypes());
                    shared = d;
                }
            }
        }
        return d;
    }

    /**
     * The real type of an object.
     *
     * @param head the object's first bytes (up to {@link #HEAD_BYTES}; more are ignored)
     * @param name its file name, or null / empty when it has none
     */
    public FileType detect(byte[] head, String name) {
        try {
            MediaType magic = types.detect(new ByteArrayInputStream(head, 0, Math.min(head.length, HEAD_BYTES)),
                    new Metadata());
            if (name == null || name.isBlank()) {
                return FileType.of(magic.toString());
            }
            Metadata byName = new Metadata();
            byName.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            MediaType named = types.detect(null, byName);
            boolean magicKnows = !magic.equals(MediaType.OCTET_STREAM) && !magic.equals(MediaType.TEXT_PLAIN);
            if (!named.equals(MediaType.OCTET_STREAM) && !named.equals(magic)
                    && registry.isSpecializationOf(named, magic)
                    && (magicKnows || magic.equals(MediaType.TEXT_PLAIN))) {
                return FileType.of(named.toString());
            }
            return FileType.of(magic.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("type detection over bytes in memory", e);
        }
    }

    /** The type a file name claims by its extension alone; UNKNOWN when it claims none. */
    public FileType byName(String name) {
        if (name == null || name.isBlank()) {
            return FileType.UNKNOWN;
        }
        try {
            Metadata byName = new Metadata();
            byName.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            return FileType.of(types.detect(null, byName).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("type detection by name", e);
        }
    }
}
