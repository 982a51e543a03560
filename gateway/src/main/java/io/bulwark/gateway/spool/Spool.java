package io.bulwark.gateway.spool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable local queue between receive and delivery, in the spirit of Postfix's queue
 * directories: one directory, two files per message.
 *
 * <ul>
 *   <li>{@code <queueId>.eml}: the message bytes, our Received header first, exactly as they will
 *       be relayed (line endings are canonicalised only when sent);</li>
 *   <li>{@code <queueId>.v<n>.eml}: a {@link BodyVariant}, the message as changed by the policy
 *       for some recipients (subject tag, X-headers, removed attachments), if any;</li>
 *   <li>{@code <queueId>.json}: {@link SpoolMetadata}. Its presence is the commit point.</li>
 * </ul>
 *
 * <p>Commit protocol: write and fsync the body; write the metadata to {@code <queueId>.json.tmp},
 * fsync it, rename it atomically to {@code <queueId>.json}, fsync the directory. Only then does the
 * SMTP client get its 250, so an acknowledged message survives kill -9 and power loss (on file
 * systems that honour fsync). Metadata updates use the same write-fsync-rename sequence, so a
 * crash leaves either the old or the new state, never a torn file. Deletion removes the metadata
 * first (un-commit), then the body. {@link #recover()} removes what a crash can leave behind: temp
 * files and bodies without metadata.
 *
 * <p>Thread-safe for distinct queue ids; the delivery scheduler guarantees that a queue id is
 * handled by one thread at a time.
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String BODY = ".eml";
    private static final String META = ".json";
    private static final String TMP = ".tmp";
    /** Headers beyond this are not parsed for Message-ID: bounds memory per session. */
    private static final int MAX_HEADER_CAPTURE = 256 * 1024;

    private final Path directory;
    private final ObjectMapper json;
    private volatile boolean directorySyncSupported = true;
    private final DirectorySync directorySync = new DirectorySync(this::forceDirectory);
    private final boolean posix;

    /** Opens (and creates if needed) the spool in {@code directory}. */
    public Spool(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath().normalize();
        this.posix = this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        // Mail is personal data: the spool is the service user's alone (0700, files 0600), set at
        // creation so no file is ever readable by others, whatever the umask.
        if (posix) {
            Files.createDirectories(this.directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(this.directory);
        }
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The spool directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Streams a message body to {@code <queueId>.eml} and fsyncs it, computing its hash, size and
     * Message-ID on the way. The body is not committed until {@link #commit} succeeds.
     *
     * @param prefix  bytes written before the data (our Received header), not hashed or counted
     * @param data    the message as received, read to its end even when too large, so that the
     *                SMTP session stays in sync
     * @param maxSize largest accepted size of {@code data}
     * @throws MessageTooLargeException if {@code data} was larger (nothing is left on disk)
     */
    public BodyInfo writeBody(String queueId, byte[] prefix, InputStream data, long maxSize)
            throws IOException, MessageTooLargeException {
        Path body = bodyPath(queueId);
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        HeaderEndDetector headerEnd = new HeaderEndDetector();
        long size = 0;
        boolean eightBit = false;
        boolean tooLarge = false;
        boolean done = false;
        try (FileChannel channel = open(body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(channel, prefix, prefix.length);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = data.read(buffer)) >= 0) {
                size += n;
                if (tooLarge || size > maxSize) {
                    tooLarge = true;
                    continue;
                }
                sha256.update(buffer, 0, n);
                for (int i = 0; i < n && !eightBit; i++) {
                    eightBit = buffer[i] < 0;
                }
                if (!headerEnd.done() && headers.size() < MAX_HEADER_CAPTURE) {
                    int take = headerEnd.scan(buffer, 0, Math.min(n, MAX_HEADER_CAPTURE - headers.size()));
                    headers.write(buffer, 0, take);
                }
                writeFully(channel, buffer, n);
            }
            if (!tooLarge) {
                channel.force(true);
            }
            done = !tooLarge;
        } finally {
            if (!done) {
                Files.deleteIfExists(body);
            }
        }
        if (tooLarge) {
            throw new MessageTooLargeException(maxSize);
        }
        return new BodyInfo(HexFormat.of().formatHex(sha256.digest()), size, messageId(headers.toByteArray()),
                eightBit);
    }

    /** Makes the message durable and visible: after this returns, it survives a crash. */
    public void commit(SpoolMetadata metadata) throws IOException {
        writeMetadata(metadata);
    }

    /** Replaces the metadata of a committed message atomically and durably. */
    public void update(SpoolMetadata metadata) throws IOException {
        writeMetadata(metadata);
    }

    /** The metadata of a committed message, or empty if there is none (never committed or deleted). */
    public Optional<SpoolMetadata> read(String queueId) throws IOException {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(metaPath(queueId)), SpoolMetadata.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The body file of a message. */
    public Path bodyPath(String queueId) {
        return directory.resolve(queueId + BODY);
    }

    /** The header section of a stored message (up to the blank line, at most {@code limit} bytes). */
    public byte[] readHeaderSection(String queueId, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(bodyPath(queueId))) {
            byte[] head = in.readNBytes(limit);
            int end = new HeaderEndDetector().scan(head, 0, head.length);
            return Arrays.copyOf(head, end);
        }
    }

    /** The file of a body variant. */
    public Path variantPath(String queueId, int index) {
        return directory.resolve(queueId + ".v" + index + BODY);
    }

    /**
     * The file a recipient's copy is relayed from: its variant's, or the original (also for an
     * inserted-header variant, whose lines go in at {@link BodyVariant#insertAt()}).
     */
    public Path bodyPathFor(SpoolMetadata message, String recipient) {
        return message.variantFor(recipient).filter(v -> !v.insertsHeader())
                .map(v -> variantPath(message.queueId(), v.index()))
                .orElse(bodyPath(message.queueId()));
    }

    /** The whole original body as written by {@link #writeBody} (our Received header first). */
    public byte[] readBody(String queueId) throws IOException {
        return Files.readAllBytes(bodyPath(queueId));
    }

    /**
     * The original body from byte {@code offset} on, in one array of exactly that size: the
     * message without our Received header, without first reading (and copying) the whole file.
     */
    public byte[] readBody(String queueId, int offset) throws IOException {
        try (FileChannel channel = FileChannel.open(bodyPath(queueId), StandardOpenOption.READ)) {
            long size = channel.size() - offset;
            if (size < 0 || size > Integer.MAX_VALUE - 16) {
                throw new IOException(queueId + ": body of " + channel.size() + " bytes cannot be read from " + offset);
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) size);
            long position = offset;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new java.io.EOFException(queueId + ": body shorter than its size");
                }
                position += n;
            }
            return buffer.array();
        }
    }

    /**
     * A variant that is header lines inserted into the original file at {@code insertAt} (after
     * our Received header): nothing is written; the metadata commit that lists it makes it part of
     * the message.
     *
     * @param original the original's size, hash and 8-bit flag
     */
    public BodyVariant insertedHeaderVariant(int index, List<String> recipients, byte[] headerLines, BodyInfo original,
            int insertAt) {
        boolean eightBit = original.eightBit();
        for (int i = 0; i < headerLines.length && !eightBit; i++) {
            eightBit = headerLines[i] < 0;
        }
        return new BodyVariant(index, recipients, original.sizeBytes() + headerLines.length, original.sha256(), eightBit,
                new String(headerLines, java.nio.charset.StandardCharsets.UTF_8), insertAt);
    }

    /**
     * As {@link #writeVariant(String, int, List, byte[])} for a file made of {@code head} (our
     * Received header) and {@code body}, written one after the other instead of joined in memory.
     */
    public BodyVariant writeVariant(String queueId, int index, List<String> recipients, byte[] head, byte[] body)
            throws IOException {
        MessageDigest sha256 = sha256();
        sha256.update(head);
        sha256.update(body);
        boolean eightBit = false;
        for (int i = 0; i < head.length && !eightBit; i++) {
            eightBit = head[i] < 0;
        }
        for (int i = 0; i < body.length && !eightBit; i++) {
            eightBit = body[i] < 0;
        }
        try (FileChannel channel = open(variantPath(queueId, index), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, head, head.length);
            writeFully(channel, body, body.length);
            channel.force(true);
        }
        return new BodyVariant(index, recipients, (long) head.length + body.length,
                HexFormat.of().formatHex(sha256.digest()), eightBit);
    }

    /**
     * Writes and fsyncs a body variant of a message not yet committed; the metadata commit that
     * lists it makes it part of the message.
     */
    public BodyVariant writeVariant(String queueId, int index, List<String> recipients, byte[] bytes)
            throws IOException {
        MessageDigest sha256 = sha256();
        sha256.update(bytes);
        boolean eightBit = false;
        for (int i = 0; i < bytes.length && !eightBit; i++) {
            eightBit = bytes[i] < 0;
        }
        try (FileChannel channel = open(variantPath(queueId, index), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, bytes, bytes.length);
            channel.force(true);
        }
        return new BodyVariant(index, recipients, bytes.length, HexFormat.of().formatHex(sha256.digest()), eightBit);
    }

    /** Removes a message: metadata first, so a crash in between leaves orphan bodies, not a ghost. */
    public void delete(String queueId) throws IOException {
        Files.deleteIfExists(metaPath(queueId));
        syncDirectory();
        deleteBodies(queueId);
    }

    /** Removes the bodies of a message that was never committed (e.g. the session failed, or DATA was refused). */
    public void discard(String queueId) {
        try {
            deleteBodies(queueId);
        } catch (IOException e) {
            log.warn("could not remove uncommitted spool file for {}; recovery will", queueId, e);
        }
    }

    private void deleteBodies(String queueId) throws IOException {
        Files.deleteIfExists(bodyPath(queueId));
        try (DirectoryStream<Path> variants = Files.newDirectoryStream(directory, queueId + ".v*" + BODY)) {
            for (Path variant : variants) {
                Files.deleteIfExists(variant);
            }
        }
    }

    /** The queue id a spool file belongs to: queue ids contain no dot, file names add suffixes. */
    private static String queueIdOf(String fileName) {
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    /**
     * Cleans up after a crash and lists the committed messages, oldest first. Deletes temp files and
     * bodies without metadata (their client never got a 250); drops metadata without a body, which
     * only a manual intervention can produce. Must run before the SMTP listener starts (the
     * lifecycle phases see to it): a body being written has no metadata yet.
     */
    public List<SpoolMetadata> recover() throws IOException {
        List<SpoolMetadata> committed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path path : entries) {
                String name = path.getFileName().toString();
                if (name.endsWith(TMP)) {
                    log.info("removing orphan spool temp file {}", name);
                    Files.deleteIfExists(path);
                } else if (name.endsWith(BODY)) {
                    String queueId = queueIdOf(name);
                    if (!Files.exists(metaPath(queueId))) {
                        log.info("removing uncommitted spool body {}", name);
                        Files.deleteIfExists(path);
                    }
                } else if (name.endsWith(META)) {
                    String queueId = name.substring(0, name.length() - META.length());
                    if (!Files.exists(bodyPath(queueId))) {
                        log.error("spool metadata {} has no body; removing it", name);
                        Files.deleteIfExists(path);
                        continue;
                    }
                    committed.add(json.readValue(Files.readAllBytes(path), SpoolMetadata.class));
                }
            }
        }
        syncDirectory();
        committed.sort(Comparator.comparing(SpoolMetadata::receivedAt).thenComparing(SpoolMetadata::queueId));
        return committed;
    }

    /** Opens a spool file for writing; a file it creates is the owner's only (0600). */
    private FileChannel open(Path file, StandardOpenOption... options) throws IOException {
        java.util.Set<StandardOpenOption> set = java.util.EnumSet.noneOf(StandardOpenOption.class);
        java.util.Collections.addAll(set, options);
        return posix ? FileChannel.open(file, set, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))) : FileChannel.open(file, set);
    }

    private void writeMetadata(SpoolMetadata metadata) throws IOException {
        Path tmp = directory.resolve(metadata.queueId() + META + TMP);
        byte[] bytes = json.writeValueAsBytes(metadata);
        try (FileChannel channel = open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, bytes, bytes.length);
            channel.force(true);
        }
        try {
            Files.move(tmp, metaPath(metadata.queueId()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the spool needs a file system with atomic rename: " + directory, e);
        }
        syncDirectory();
    }

    /**
     * Makes renames and deletions durable: without it a crash can undo a rename on ext4/XFS.
     * Concurrent callers share one fsync ({@link DirectorySync}).
     */
    private void syncDirectory() throws IOException {
        if (!directorySyncSupported) {
            return;
        }
        directorySync.sync();
    }

    private void forceDirectory() throws IOException {
        if (!directorySyncSupported) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals renames itself.
            if (System.getProperty("os.name", "").toLowerCase().contains("win")) {
                directorySyncSupported = false;
            } else {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    private Path metaPath(String queueId) {
        return directory.resolve(queueId + META);
    }

    private static void writeFully(FileChannel channel, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    static String messageId(byte[] headerSection) {
        if (headerSection.length == 0) {
            return null;
        }
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(headerSection));
            String value = headers.getHeader("Message-ID", null);
            if (value == null) {
                return null;
            }
            String id = value.replaceAll("\\s+", "").trim();
            if (id.startsWith("<") && id.endsWith(">")) {
                id = id.substring(1, id.length() - 1);
            }
            return id.isEmpty() ? null : id;
        } catch (MessagingException e) {
            return null;
        }
    }

    /** Finds the end of the header section: the first empty line (CRLF CRLF, or LF LF leniently). */
    static final class HeaderEndDetector {
        private int state; // bytes of "\r\n\r\n" (or "\n\n") seen in a row, -1 when done
        private boolean lastWasLf = true; // the message starts at the start of a line

        boolean done() {
            return state < 0;
        }

        /** Consumes bytes; returns how many belong to the header section (all of them until done). */
        int scan(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (state < 0) {
                    return i - offset;
                }
                byte b = bytes[i];
                if (b == '\n') {
                    if (lastWasLf) {
                        state = -1;
                        return i - offset + 1;
                    }
                    lastWasLf = true;
                } else if (b != '\r') {
                    lastWasLf = false;
                }
            }
            return length;
        }
    }

    /** Writes the uncommitted body of a message generated locally (a DSN). */
    public BodyInfo writeGenerated(String queueId, byte[] message) throws IOException {
        try {
            return writeBody(queueId, new byte[0], new ByteArrayInputStream(message), Long.MAX_VALUE);
        } catch (MessageTooLargeException e) {
            throw new IllegalStateException("unbounded write cannot be too large", e);
        }
    }
}
