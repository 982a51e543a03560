package io.bulwark.scan.filetype;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>Tika's magic pass is dear: it evaluates every one of its ~1,400 patterns of the matching
 * priority and copies the range of each ranged pattern ({@code 0:8192}) into a new buffer, about
 * 0.5 ms of CPU and 0.8 MB of garbage per call (docs/benchmarks.md, "File types and archives"). Its
 * answer depends on nothing but the bytes it is given, so the node keeps what it found, keyed by
 * the SHA-256 of exactly those bytes, in a bounded cache ({@value #CONTENT_ENTRIES} entries): a
 * logo, a signature image or a newsletter's PDF that comes again costs a hash, not a magic pass.
 * A cryptographic hash and not a cheaper one because a sender could otherwise craft a harmless
 * file whose key collides with a dangerous one and have the dangerous one typed as the harmless
 * one. What a name claims is kept the same way, by the name (ADR 0041).
 *
 * <p>Thread-safe; one instance per node. Loading Tika's type database takes some tens of
 * milliseconds, so {@link #shared()} loads it once.
 */
public final class FileTypeDetector {
    /** How many leading bytes detection looks at (Tika's magic patterns are within the first 8 KiB for the types we categorise). */
    public static final int HEAD_BYTES = 8192;
    /** Contents whose magic answer the node keeps (a key of 64 hex digits and one media type each). */
    static final int CONTENT_ENTRIES = 8192;
    /** Names whose claimed type the node keeps. */
    static final int NAME_ENTRIES = 4096;
    /** Longer names are looked up each time rather than kept (names are the sender's choice). */
    static final int CACHED_NAME_MAX = 256;

    private static volatile FileTypeDetector shared;

    private final MimeTypes types;
    private final MediaTypeRegistry registry;
    private final Cache<String, MediaType> byContent;
    private final Cache<String, MediaType> byName;
    private final LongAdder magicPasses = new LongAdder();

    private FileTypeDetector(MimeTypes types, boolean cached) {
        this.types = types;
        this.registry = types.getMediaTypeRegistry();
        this.byContent = cached ? CacheBuilder.newBuilder().maximumSize(CONTENT_ENTRIES).build() : null;
        this.byName = cached ? CacheBuilder.newBuilder().maximumSize(NAME_ENTRIES).build() : null;
    }

    /** The node's detector (Tika's default type database, loaded on first use). */
    public static FileTypeDetector shared() {
        FileTypeDetector d = shared;
        if (d == null) {
            synchronized (FileTypeDetector.class) {
                d = shared;
                if (d == null) {
                    d = new FileTypeDetector(MimeTypes.getDefaultMimeTypes(), true);
                    shared = d;
                }
            }
        }
        return d;
    }

    /**
     * A detector that keeps nothing: every call runs Tika. For benchmarks and tests that compare
     * the kept answers with fresh ones.
     */
    public static FileTypeDetector uncached() {
        return new FileTypeDetector(MimeTypes.getDefaultMimeTypes(), false);
    }

    /**
     * The real type of an object.
     *
     * @param head the object's first bytes (up to {@link #HEAD_BYTES}; more are ignored)
     * @param name its file name, or null / empty when it has none
     */
    public FileType detect(byte[] head, String name) {
        return detect(head, head.length, null, name);
    }

    /**
     * The real type of an object whose bytes are the first {@code length} of {@code content},
     * without copying them.
     *
     * @param content the object's bytes (at least {@code length} of them)
     * @param length  how many of them are the object; only the first {@link #HEAD_BYTES} are read
     * @param sha256  lower-case hex SHA-256 of the first {@code min(length, HEAD_BYTES)} bytes when
     *                the caller has it already (a small MIME part's own hash), else null
     * @param name    its file name, or null / empty when it has none
     */
    public FileType detect(byte[] content, int length, String sha256, String name) {
        MediaType magic = magic(content, Math.min(length, HEAD_BYTES), sha256);
        if (name == null || name.isBlank()) {
            return FileType.of(magic.toString());
        }
        MediaType named = named(name);
        boolean magicKnows = !magic.equals(MediaType.OCTET_STREAM) && !magic.equals(MediaType.TEXT_PLAIN);
        if (!named.equals(MediaType.OCTET_STREAM) && !named.equals(magic)
                && registry.isSpecializationOf(named, magic)
                && (magicKnows || magic.equals(MediaType.TEXT_PLAIN))) {
            return FileType.of(named.toString());
        }
        return FileType.of(magic.toString());
    }

    /** The type a file name claims by its extension alone; UNKNOWN when it claims none. */
    public FileType byName(String name) {
        if (name == null || name.isBlank()) {
            return FileType.UNKNOWN;
        }
        return FileType.of(named(name).toString());
    }

    /** How many times this detector ran Tika's magic pass (what the cache did not answer). */
    public long magicPasses() {
        return magicPasses.sum();
    }

    /** Tika's answer for the first {@code length} bytes, kept by their SHA-256. */
    private MediaType magic(byte[] content, int length, String sha256) {
        if (byContent == null) {
            return tikaMagic(content, length);
        }
        String key = sha256 != null ? sha256 : sha256(content, length);
        MediaType known = byContent.getIfPresent(key);
        if (known == null) {
            // two threads may both run Tika for the same new content: same answer, kept once
            known = tikaMagic(content, length);
            byContent.put(key, known);
        }
        return known;
    }

    private MediaType tikaMagic(byte[] content, int length) {
        magicPasses.increment();
        try {
            return types.detect(new ByteArrayInputStream(content, 0, length), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("type detection over bytes in memory", e);
        }
    }

    private MediaType named(String name) {
        if (byName == null || name.length() > CACHED_NAME_MAX) {
            return tikaName(name);
        }
        MediaType known = byName.getIfPresent(name);
        if (known == null) {
            known = tikaName(name);
            byName.put(name, known);
        }
        return known;
    }

    private MediaType tikaName(String name) {
        try {
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            return types.detect(null, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("type detection by name", e);
        }
    }

    /**
     * Lower-case hex SHA-256 of the first {@code length} bytes: the key this detector keeps
     * answers under, and the hash a MIME part reports (one function, so that a small part's hash
     * is its key).
     */
    public static String sha256(byte[] content, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(content, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
