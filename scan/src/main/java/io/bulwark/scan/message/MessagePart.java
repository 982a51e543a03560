package io.bulwark.scan.message;

import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.filetype.FileTypeDetector;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * One leaf MIME part of a message, decoded (base64 and quoted-printable undone). Immutable: the
 * content is only handed out as a stream or a copy, so a scanner cannot change what the next
 * scanner sees.
 *
 * <p>Part paths use IMAP-style numbering: "1" for the body of a single-part message, "1", "2",
 * ... for the children of a multipart, "2.1" for the first child of part 2. An attached message
 * (message/rfc822) with a single-part body is one part; with a multipart body its parts are
 * numbered below it.
 */
public final class MessagePart {
    private final String path;
    private final String contentType;
    private final String charset;
    private final String filename;
    private final boolean attachment;
    private final byte[] content;
    private final boolean truncated;
    /** Hex SHA-256 of {@link #content}, computed on first use (benign race: same value). */
    private volatile String sha256;
    /** The real type, detected on first use (benign race: same value). */
    private volatile FileType type;

    /**
     * @param path        IMAP-style part number
     * @param contentType lower-case MIME type, e.g. "text/plain"
     * @param charset     the charset parameter, or null
     * @param filename    decoded file name (Content-Disposition or Content-Type name), or null
     * @param attachment  whether the part is an attachment rather than inline body text
     * @param content     the decoded bytes (copied)
     * @param truncated   whether decoding stopped at the size limit
     */
    public MessagePart(String path, String contentType, String charset, String filename, boolean attachment,
            byte[] content, boolean truncated) {
        this(path, contentType, charset, filename, attachment, truncated, content.clone());
    }

    /** Takes {@code content} as it is: for the parser, which decoded it into an array nobody else holds. */
    private MessagePart(String path, String contentType, String charset, String filename, boolean attachment,
            boolean truncated, byte[] content) {
        this.path = path;
        this.contentType = contentType;
        this.charset = charset;
        this.filename = filename;
        this.attachment = attachment;
        this.content = content;
        this.truncated = truncated;
    }

    /**
     * A part over {@code content} without copying it, for {@link MessageViewParser}: the decoded
     * bytes of a large attachment were copied once more here, and each copy of a part over half a
     * megabyte is a "humongous" object that starts a concurrent cycle of the collector
     * (docs/benchmarks.md, eighth session). The caller must not keep or change the array.
     */
    static MessagePart adopting(String path, String contentType, String charset, String filename, boolean attachment,
            byte[] content, boolean truncated) {
        return new MessagePart(path, contentType, charset, filename, attachment, truncated, content);
    }

    public String path() {
        return path;
    }

    public String contentType() {
        return contentType;
    }

    public String charset() {
        return charset;
    }

    public String filename() {
        return filename;
    }

    public boolean attachment() {
        return attachment;
    }

    /** Whether this is a text part (text/*), the kind body rules such as GTUBE look at. */
    public boolean isText() {
        return contentType.startsWith("text/");
    }

    /** Decoded size in bytes (what was kept, when truncated). */
    public int size() {
        return content.length;
    }

    /** Whether decoding stopped at the size limit. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * Lower-case hex SHA-256 of the decoded bytes, computed once over the held array (no copy) and
     * kept: every reader of the part (the attachment inventory, later an engine with hash
     * signatures) shares one computation. Of the kept bytes when {@link #truncated()}.
     */
    public String sha256() {
        String hash = sha256;
        if (hash == null) {
            hash = FileTypeDetector.sha256(content, content.length);
            sha256 = hash;
        }
        return hash;
    }

    /**
     * The real type of the decoded content ({@link FileTypeDetector#detect} over the first
     * {@value FileTypeDetector#HEAD_BYTES} bytes and the file name), detected on first use and
     * kept: the attachment inventory, content filtering and the heuristics ask for it, and Tika's
     * magic matching is the dearest step of describing a part. Nothing asks for the type of inline
     * body text, so it is not detected there. The bytes are handed to the detector without a copy;
     * a part no longer than the detector's head hands its own {@link #sha256()} too, which is then
     * the detector's cache key and the inventory's hash in one computation.
     */
    public FileType type() {
        FileType known = type;
        if (known == null) {
            String digest = content.length <= FileTypeDetector.HEAD_BYTES ? sha256() : null;
            known = FileTypeDetector.shared().detect(content, content.length, digest, filename);
            type = known;
        }
        return known;
    }

    /** The first {@code max} decoded bytes (a copy of at most that many). */
    public byte[] head(int max) {
        return Arrays.copyOf(content, Math.min(max, content.length));
    }

    /** A fresh stream over the decoded bytes. */
    public InputStream openStream() {
        return new ByteArrayInputStream(content);
    }

    /** A copy of the decoded bytes. Readers that only look use {@link #text}, {@link #indexOf} or {@link #byteAt}. */
    public byte[] bytes() {
        return content.clone();
    }

    /** The decoded bytes read as text in {@code charset}, without a copy of the bytes first. */
    public String text(Charset charset) {
        return new String(content, charset);
    }

    /** The first {@code maxBytes} decoded bytes read as text in {@code charset} (no copy of the bytes first). */
    public String text(Charset charset, int maxBytes) {
        return new String(content, 0, Math.min(maxBytes, content.length), charset);
    }

    /** The decoded byte at {@code index}. */
    public byte byteAt(int index) {
        return content[index];
    }

    /** Whether the decoded content contains the byte sequence. */
    public boolean contains(byte[] needle) {
        return indexOf(needle) >= 0;
    }

    /** Position of the byte sequence in the decoded content, or -1. */
    public int indexOf(byte[] needle) {
        return indexOf(needle, 0);
    }

    /** Position of the byte sequence in the decoded content at or after {@code from}, or -1. */
    public int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= content.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A label for reasons: "part 2 (invoice.zip)". */
    public String label() {
        return "part " + path + (filename == null ? "" : " (" + filename + ")");
    }

    @Override
    public String toString() {
        return "MessagePart[" + path + ", " + contentType + ", " + filename + ", " + content.length + " bytes"
                + (truncated ? ", truncated" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessagePart p && path.equals(p.path) && contentType.equals(p.contentType)
                && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }
}
