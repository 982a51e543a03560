package io.bulwark.gateway.spool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable local queue between receive and delivery, in the spirit of Postfix's queue
 * directories: one directory, one file per message while nothing changes (ADR 0042).
 *
 * <ul>
 *   <li>{@code <queueId>.part}: the message being received, our Received header first, exactly
 *       as it will be relayed (line endings are canonicalised only when sent). Not committed.</li>
 *   <li>{@code <queueId>.msg}: the committed message: the same bytes, then its {@link SpoolMetadata}
 *       as JSON, then a {@value #FOOTER}-byte footer (JSON length, CRC-32 of the JSON, magic).
 *       Its presence under this name is the commit point.</li>
 *   <li>{@code <queueId>.json}: the metadata as changed after the commit (a deferred attempt, a
 *       re-check, a DSN noted), if it ever changed; it wins over the copy in the {@code .msg}.</li>
 *   <li>{@code <queueId>.v<n>.eml}: a {@link BodyVariant}, the message as changed by the policy
 *       for some recipients (subject tag, X-headers, removed attachments), if any.</li>
 *   <li>{@code <queueId>.eml} with {@code <queueId>.json}: a message committed by a version before
 *       ADR 0042 (body and metadata in two files); read, delivered and removed as before.</li>
 *   <li>{@code <tag>-<n>.spare}: an emptied file of a delivered or refused message, renamed to a
 *       later {@code .part} instead of creating one ({@link SpareFiles}); deleted at start-up.</li>
 *   <li>{@code <queueId>.msg.damaged} (and the queue id's other files, likewise): a message file
 *       that recovery found not to be what its name says, set aside for the postmaster.</li>
 * </ul>
 *
 * <p>Commit protocol: the body streams to {@code .part} without an fsync; the commit appends the
 * metadata and footer, fsyncs the file once, renames it atomically to {@code .msg} and fsyncs the
 * directory (shared with concurrent commits, {@link DirectorySync}). Only then does the SMTP client
 * get its 250, so an acknowledged message survives kill -9 and power loss (on file systems that
 * honour fsync) at two fsyncs. Metadata updates write {@code .json.tmp}, fsync, rename, fsync the
 * directory, so a crash leaves either the old or the new state, never a torn file. Deletion takes
 * the message file away first (un-commit: renamed to a spare), then the rest, and does not fsync
 * the directory itself: the final events are already durable in the event store, the next commit's
 * directory sync carries the deletion to disk, and a deletion lost to a power failure before that
 * only delivers the message again (at-least-once, as a crash between a transaction and its outcome
 * does; a file is reused as a spare only once a directory sync has carried its deletion, {@link
 * SpareFiles}). {@link #recover()} removes what a crash can leave behind: temp files, uncommitted
 * bodies, spares, variant files their message no longer lists, and metadata without a body; it
 * sets aside a message file whose format does not hold.
 *
 * <p>Thread-safe for distinct queue ids; the delivery scheduler guarantees that a queue id is
 * handled by one thread at a time.
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String BODY = ".eml";
    private static final String META = ".json";
    private static final String TMP = ".tmp";
    private static final String PART = ".part";
    private static final String MESSAGE = ".msg";
    /** A {@code .msg} that recovery found not to be what its name says, set aside. */
    static final String DAMAGED = ".damaged";
    /** Footer of a {@code .msg}: JSON length (int), CRC-32 of the JSON (int), {@link #MAGIC}. */
    static final int FOOTER = 16;
    private static final long MAGIC = 0x42_57_4B_53_50_4C_30_31L; // "BWKSPL01"
    /** Headers beyond this are not parsed for Message-ID: bounds memory per session. */
    private static final int MAX_HEADER_CAPTURE = 256 * 1024;

    private final Path directory;
    private final ObjectMapper json;
    private volatile boolean directorySyncSupported = true;
    private final DirectorySync directorySync = new DirectorySync(this::forceDirectory);
    private final boolean posix;
    private final java.util.concurrent.atomic.LongAdder forces = new java.util.concurrent.atomic.LongAdder();
    /**
     * The metadata of messages committed (or recovered) and not changed since, so that a message's
     * first delivery attempt, milliseconds after its commit, does not open, read and parse the file
     * just written (issue 19: the read was 1.4 % of the appliance's CPU, its first open a
     * {@code NoSuchFileException} for the {@code .json} that only a changed message has). An update
     * (a deferred attempt, a re-check) or a deletion drops the entry: a changed message is read from
     * its files, and the map holds messages between their commit and their first attempt's outcome,
     * not a backlog. The files stay the truth. A commit (and recovery) first puts a marker of its own,
     * which reads pass over, and replaces it with the metadata only once durable and only if the
     * marker is still there: an administrator's deletion or release can reach a message held in the
     * Anti-Spam Quarantine while its commit waits for the directory sync, and its drop then wins.
     * At most {@link #KNOWN_LIMIT} entries; when full it starts over.
     */
    private final Map<String, Object> known = new ConcurrentHashMap<>();
    private final int knownLimit;
    /** Messages whose metadata is held in memory (a few KB each, more with many recipients). */
    static final int KNOWN_LIMIT = 4096;
    /** Emptied files of finished messages, renamed to hold the next ones instead of creating files. */
    private final SpareFiles spares;
    /** Spare files kept at most: more than the messages that finish between two arrivals, at any load. */
    static final int SPARE_LIMIT = 256;
    /** Test hook: runs after a commit's or update's rename, before its directory sync. */
    private volatile Runnable afterRename = () -> { };

    /** Opens (and creates if needed) the spool in {@code directory}. */
    public Spool(Path directory) throws IOException {
        this(directory, KNOWN_LIMIT);
    }

    /** A spool that holds at most {@code knownLimit} messages' metadata in memory (tests). */
    Spool(Path directory, int knownLimit) throws IOException {
        this.knownLimit = knownLimit;
        this.directory = directory.toAbsolutePath().normalize();
        this.spares = new SpareFiles(this.directory, SPARE_LIMIT, directorySync);
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
     * Streams a message body to {@code <queueId>.part}, computing its hash, size and Message-ID on
     * the way. Not fsynced here: {@link #commit} fsyncs body and metadata together, and a message
     * refused after judging never costs an fsync. The body is not committed until {@link #commit}
     * succeeds.
     *
     * @param prefix  bytes written before the data (our Received header), not hashed or counted
     * @param data    the message as received, read to its end even when too large, so that the
     *                SMTP session stays in sync
     * @param maxSize largest accepted size of {@code data}
     * @throws MessageTooLargeException if {@code data} was larger (nothing is left on disk)
     */
    public BodyInfo writeBody(String queueId, byte[] prefix, InputStream data, long maxSize)
            throws IOException, MessageTooLargeException {
        Path body = partPath(queueId);
        MessageDigest sha256 = sha256();
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        HeaderEndDetector headerEnd = new HeaderEndDetector();
        long size = 0;
        boolean eightBit = false;
        boolean tooLarge = false;
        boolean done = false;
        try (FileChannel channel = createPart(body)) {
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
            done = !tooLarge;
        } finally {
            if (!done) {
                try {
                    spares.keep(body);
                } catch (IOException e) {
                    log.warn("could not remove uncommitted spool file for {}; recovery will", queueId, e);
                }
            }
        }
        if (tooLarge) {
            throw new MessageTooLargeException(maxSize);
        }
        return new BodyInfo(HexFormat.of().formatHex(sha256.digest()), size, messageId(headers.toByteArray()),
                eightBit);
    }

    /**
     * A new, empty {@code .part}: a spare file renamed ({@link SpareFiles}), else a created one. The
     * queue id is new ({@link QueueIdGenerator}), so nothing has its name.
     */
    private FileChannel createPart(Path part) throws IOException {
        if (!spares.take(part)) { // none whose old name is durably gone
            return open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        return FileChannel.open(part, StandardOpenOption.WRITE); // empty: a spare is kept only once truncated
    }

    /**
     * Makes the message durable and visible: appends the metadata to the body written by
     * {@link #writeBody}, fsyncs that one file, renames it to {@code <queueId>.msg} and syncs the
     * directory. After this returns, it survives a crash. When it throws, the message is not committed:
     * a failure after the rename (the directory sync) takes the {@code .msg} back, since the caller
     * answers the client that the message was not accepted and discards its other files.
     */
    public void commit(SpoolMetadata metadata) throws IOException {
        Object marker = new Object();
        mark(metadata.queueId(), marker);
        try {
            commitFiles(metadata);
        } catch (IOException | RuntimeException e) {
            known.remove(metadata.queueId(), marker);
            throw e;
        }
        known.replace(metadata.queueId(), marker, metadata); // unless changed or deleted meanwhile
    }

    private void commitFiles(SpoolMetadata metadata) throws IOException {
        String queueId = metadata.queueId();
        Path part = partPath(queueId);
        byte[] bytes = json.writeValueAsBytes(metadata);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        ByteBuffer footer = ByteBuffer.allocate(FOOTER).putInt(bytes.length).putInt((int) crc.getValue())
                .putLong(MAGIC).flip();
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            writeFully(channel, bytes, bytes.length);
            while (footer.hasRemaining()) {
                channel.write(footer);
            }
            force(channel);
        }
        move(part, messagePath(queueId));
        try {
            afterRename.run();
            syncDirectory();
        } catch (IOException | RuntimeException e) {
            // Not acknowledged, so not committed: left in place, recovery would deliver it after the
            // client's retry was accepted too, and without the variant files the caller discards.
            try {
                Files.deleteIfExists(messagePath(queueId));
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Replaces the metadata of a committed message atomically and durably. */
    public void update(SpoolMetadata metadata) throws IOException {
        known.remove(metadata.queueId()); // read from the files from now on
        Path tmp = directory.resolve(metadata.queueId() + META + TMP);
        byte[] bytes = json.writeValueAsBytes(metadata);
        try (FileChannel channel = open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, bytes, bytes.length);
            force(channel);
        }
        move(tmp, metaPath(metadata.queueId()));
        afterRename.run();
        syncDirectory();
    }

    void afterRename(Runnable hook) {
        this.afterRename = hook;
    }

    /** Puts a write's marker for a queue id, which {@link #read} passes over. */
    private void mark(String queueId, Object marker) {
        if (known.size() >= knownLimit) {
            // Full of messages not attempted for long (held in the Anti-Spam Quarantine, or a backlog
            // recovered at start-up): start over, so that new mail is read from memory again; those
            // are read from their files, as every message was before.
            known.clear();
        }
        known.put(queueId, marker);
    }

    /** How many messages' metadata is held in memory (tests). */
    int remembered() {
        return known.size();
    }

    /** Whether a message's metadata is held in memory (tests). */
    boolean remembers(String queueId) {
        return known.get(queueId) instanceof SpoolMetadata;
    }

    /** The metadata of a committed message, or empty if there is none (never committed or deleted). */
    public Optional<SpoolMetadata> read(String queueId) throws IOException {
        if (known.get(queueId) instanceof SpoolMetadata remembered) {
            return Optional.of(remembered);
        }
        try {
            return Optional.of(json.readValue(Files.readAllBytes(metaPath(queueId)), SpoolMetadata.class));
        } catch (NoSuchFileException e) {
            // not changed since its commit (or a message of the format before ADR 0042 that is gone)
        }
        try (FileChannel channel = FileChannel.open(messagePath(queueId), StandardOpenOption.READ)) {
            return Optional.of(json.readValue(trailer(channel, messagePath(queueId)), SpoolMetadata.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** How many fsyncs (files and directory) this spool has run: the cost ADR 0042 counts. */
    public long forces() {
        return forces.sum();
    }

    /**
     * The file a message's bytes are read from: {@code <queueId>.msg} once committed (its body ends
     * before the metadata: read it with {@link #openBody}), {@code <queueId>.eml} for a message
     * committed before ADR 0042, {@code <queueId>.part} while being received.
     */
    public Path bodyPath(String queueId) {
        Path committed = messagePath(queueId);
        if (Files.exists(committed)) {
            return committed;
        }
        Path legacy = directory.resolve(queueId + BODY);
        return Files.exists(legacy) ? legacy : partPath(queueId);
    }

    /**
     * Opens the message bytes of a spool file ({@link #bodyPath} or {@link #bodyPathFor}): the whole
     * file, except for a committed {@code .msg}, whose metadata after the body is left out.
     */
    public static InputStream openBody(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long length = bodyLength(channel, file);
            return new java.io.FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return len == 0 ? 0 : -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped = super.skip(Math.min(n, left));
                    left -= skipped;
                    return skipped;
                }

                @Override
                public int available() throws IOException {
                    return (int) Math.min(left, Integer.MAX_VALUE);
                }
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Bytes of the message in an open spool file: up to its metadata for a {@code .msg}, else all. */
    private static long bodyLength(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (!file.getFileName().toString().endsWith(MESSAGE)) {
            return size;
        }
        ByteBuffer footer = footer(channel, file);
        return size - FOOTER - footer.getInt(0);
    }

    private static ByteBuffer footer(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < FOOTER) {
            throw new DamagedFileException(file + ": too short for a committed spool file");
        }
        ByteBuffer footer = ByteBuffer.allocate(FOOTER);
        readFully(channel, footer, size - FOOTER, file);
        int length = footer.getInt(0);
        if (footer.getLong(8) != MAGIC || length < 0 || length > size - FOOTER) {
            throw new DamagedFileException(file + ": no spool metadata footer");
        }
        return footer;
    }

    /** The metadata JSON at the end of a {@code .msg}, its CRC checked. */
    private static byte[] trailer(FileChannel channel, Path file) throws IOException {
        ByteBuffer footer = footer(channel, file);
        int length = footer.getInt(0);
        ByteBuffer bytes = ByteBuffer.allocate(length);
        readFully(channel, bytes, channel.size() - FOOTER - length, file);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes.array());
        if ((int) crc.getValue() != footer.getInt(4)) {
            throw new DamagedFileException(file + ": spool metadata fails its CRC");
        }
        return bytes.array();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new java.io.EOFException(file + ": shorter than expected");
            }
            at += n;
        }
    }

    /** The header section of a stored message (up to the blank line, at most {@code limit} bytes). */
    public byte[] readHeaderSection(String queueId, int limit) throws IOException {
        try (InputStream in = openBody(bodyPath(queueId))) {
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
        return readBody(queueId, 0);
    }

    /**
     * The original body from byte {@code offset} on, in one array of exactly that size, read with
     * one read: the message without our Received header, without first reading (and copying) the
     * whole file.
     */
    public byte[] readBody(String queueId, int offset) throws IOException {
        Path file = bodyPath(queueId);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = bodyLength(channel, file);
            long size = length - offset;
            if (size < 0 || size > Integer.MAX_VALUE - 16) {
                throw new IOException(queueId + ": body of " + length + " bytes cannot be read from " + offset);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            readFully(channel, buffer, offset, file);
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
            force(channel);
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
        boolean eightBit = false;
        for (int i = 0; i < bytes.length && !eightBit; i++) {
            eightBit = bytes[i] < 0;
        }
        try (FileChannel channel = open(variantPath(queueId, index), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, bytes, bytes.length);
            force(channel);
        }
        return new BodyVariant(index, recipients, bytes.length, sha256Hex(bytes), eightBit);
    }

    /**
     * Removes a message: its message file first (the commit point), so a crash in between leaves
     * metadata without a body, which recovery removes, never a message with a stale state. No
     * directory fsync of its own (see the class comment): the next commit's carries it.
     *
     * <p>The variant files removed are the ones {@code message} lists: a spool file a message has
     * but does not list is removed by whoever made it so (the re-check, {@link #deleteVariants}) or
     * by {@link #recover()}. Naming them, instead of listing the directory for them, keeps a
     * deletion's cost independent of the queue's length (issue 19: with a backlog of tens of
     * thousands of messages every delivery listed all of their files).
     */
    public void delete(SpoolMetadata message) throws IOException {
        uncommit(message.queueId(), true);
        deleteVariants(message.queueId(), message.variants());
    }

    /**
     * As {@link #delete(SpoolMetadata)} for a message whose metadata is not at hand (an
     * administrator's deletion): every variant file of the queue id is found by listing the
     * directory. Its message file is deleted, not kept as a spare: a re-check of the Anti-Spam
     * Quarantine may still be reading it, and must not read another message's bytes.
     */
    public void delete(String queueId) throws IOException {
        uncommit(queueId, false);
        deleteBodies(queueId);
    }

    /**
     * A deletion's first steps: the message file (the commit point), then a legacy body and the
     * metadata. {@code spare}: the file may hold the next message ({@link SpareFiles}); only when no
     * other thread can be reading it (the deletion after its delivery).
     */
    private void uncommit(String queueId, boolean spare) throws IOException {
        known.remove(queueId);
        if (spare) {
            spares.keep(messagePath(queueId)); // one rename: the commit point goes at once, as by a deletion
        } else {
            Files.deleteIfExists(messagePath(queueId));
        }
        deleteIfPresent(directory.resolve(queueId + BODY));
        deleteIfPresent(metaPath(queueId));
    }

    /**
     * Deletes a file that is usually absent (a legacy body, metadata only a changed message has).
     * Through {@code java.io.File}, which answers "absent" with a boolean: {@link Files#deleteIfExists}
     * looks the file up first and Java reports the absent file as a native exception: the two
     * look-ups cost half as much as the deletion of the message file itself (issue 19).
     */
    private static void deleteIfPresent(Path file) throws IOException {
        java.io.File absentMostly = file.toFile();
        if (!absentMostly.delete() && absentMostly.exists()) {
            throw new IOException("cannot delete spool file " + file);
        }
    }

    /** Removes the files of these variants (an inserted-header variant has none). */
    public void deleteVariants(String queueId, List<BodyVariant> variants) throws IOException {
        for (BodyVariant variant : variants) {
            if (!variant.insertsHeader()) {
                Files.deleteIfExists(variantPath(queueId, variant.index()));
            }
        }
    }

    /**
     * Removes the bodies of a message that was never committed (e.g. the session failed, or DATA was
     * refused), whichever variant files were written for it, by listing the directory for them.
     */
    public void discard(String queueId) {
        try {
            deleteBodies(queueId);
        } catch (IOException e) {
            log.warn("could not remove uncommitted spool file for {}; recovery will", queueId, e);
        }
    }

    /**
     * As {@link #discard(String)} when the caller knows that no variant file was written for the
     * message (refused before its variants were made): only its body goes, without a directory
     * listing.
     */
    public void discardBody(String queueId) {
        try {
            spares.keep(partPath(queueId));
        } catch (IOException e) {
            log.warn("could not remove uncommitted spool file for {}; recovery will", queueId, e);
        }
    }

    private void deleteBodies(String queueId) throws IOException {
        spares.keep(partPath(queueId));
        try (DirectoryStream<Path> variants = Files.newDirectoryStream(directory, queueId + ".v*" + BODY)) {
            for (Path variant : variants) {
                Files.deleteIfExists(variant);
            }
        }
    }

    /** The index of a variant file's name ({@code <queueId>.v<n>.eml}), or 0 for any other file. */
    private static int variantIndexOf(String fileName) {
        int dot = fileName.indexOf('.');
        if (dot < 0 || !fileName.startsWith(".v", dot) || !fileName.endsWith(BODY)) {
            return 0;
        }
        String digits = fileName.substring(dot + 2, fileName.length() - BODY.length());
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(digits);
    }

    /** The queue id a spool file belongs to: queue ids contain no dot, file names add suffixes. */
    private static String queueIdOf(String fileName) {
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    /**
     * Cleans up after a crash and lists the committed messages, oldest first. Deletes temp files and
     * bodies without metadata (their client never got a 250) and variant files their committed
     * message does not list; drops metadata without a body, which only a manual intervention can
     * produce. Must run before the SMTP listener starts (the lifecycle phases see to it): a body
     * being written has no metadata yet; and before any re-check of the Anti-Spam Quarantine
     * (which waits for {@code DeliveryScheduler.spoolRecovered()}): its new variant files are
     * unlisted until it commits.
     */
    public List<SpoolMetadata> recover() throws IOException {
        known.clear(); // the files decide what is committed
        spares.clear(); // an earlier run's spares are deleted below
        Object recovering = new Object();
        java.util.Set<String> names = new java.util.HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path path : entries) {
                names.add(path.getFileName().toString());
            }
        }
        List<SpoolMetadata> committed = new ArrayList<>();
        for (String name : names) {
            Path path = directory.resolve(name);
            String queueId = queueIdOf(name);
            boolean message = names.contains(queueId + MESSAGE);
            boolean legacy = names.contains(queueId + BODY) && names.contains(queueId + META);
            if (SpareFiles.isSpare(name)) {
                Files.deleteIfExists(path); // emptied, or a finished message's if the crash came first
            } else if (name.endsWith(TMP) || name.endsWith(PART)) {
                log.info("removing orphan spool file {}", name);
                Files.deleteIfExists(path);
            } else if (name.endsWith(BODY) && !message && !legacy) {
                log.info("removing uncommitted spool body {}", name);
                Files.deleteIfExists(path);
            } else if (name.endsWith(META) && !message && !legacy) {
                // a deletion cut short after the message file went (or a manual intervention)
                log.info("spool metadata {} has no body; removing it", name);
                Files.deleteIfExists(path);
            } else if (name.equals(queueId + MESSAGE)) {
                mark(queueId, recovering); // a deletion from here on drops it
                Optional<SpoolMetadata> own = checked(queueId, names);
                if (own.isPresent()) {
                    committed.add(names.contains(queueId + META) ? read(queueId).orElseThrow() : own.get());
                }
            } else if (name.equals(queueId + BODY) && legacy) {
                mark(queueId, recovering);
                read(queueId).ifPresent(committed::add);
            }
        }
        // Variant files their message does not list: a re-check replaced them (or wrote them and
        // lost to an administrator) and a crash came before it removed them. Deletion names only
        // the listed ones, so they go now or never.
        Map<String, SpoolMetadata> byQueueId = new HashMap<>();
        committed.forEach(m -> byQueueId.put(m.queueId(), m));
        for (String name : names) {
            SpoolMetadata owner = byQueueId.get(queueIdOf(name));
            int index = variantIndexOf(name);
            if (owner != null && index > 0
                    && owner.variants().stream().noneMatch(v -> v.index() == index && !v.insertsHeader())) {
                log.info("removing spool variant {}, which its message no longer lists", name);
                Files.deleteIfExists(directory.resolve(name));
            }
        }
        syncDirectory();
        committed.sort(Comparator.comparing(SpoolMetadata::receivedAt).thenComparing(SpoolMetadata::queueId));
        committed.forEach(m -> known.replace(m.queueId(), recovering, m)); // about to be attempted
        known.values().removeIf(value -> value == recovering); // read as absent
        return committed;
    }

    /**
     * The metadata a {@code .msg} carries, if the file is what its name says: its footer and CRC hold
     * and the metadata names its queue id. A file that fails is renamed to {@code <name>.damaged},
     * with the queue id's other files ({@code names}: the directory's), for the postmaster (logged as
     * an error) and not delivered: a start-up that stopped at one damaged file would hold up all the
     * mail. Other errors (a read that fails, permissions) are not damage and stop the start-up.
     */
    private Optional<SpoolMetadata> checked(String queueId, java.util.Set<String> names) throws IOException {
        Path file = messagePath(queueId);
        String problem;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SpoolMetadata metadata = json.readValue(trailer(channel, file), SpoolMetadata.class);
            if (queueId.equals(metadata.queueId())) {
                return Optional.of(metadata);
            }
            problem = "its metadata is of queue id " + metadata.queueId();
        } catch (DamagedFileException | java.io.EOFException
                | com.fasterxml.jackson.core.JsonProcessingException e) {
            problem = e.getMessage();
        }
        known.remove(queueId);
        for (String name : names) {
            if (queueIdOf(name).equals(queueId) && !name.endsWith(DAMAGED)) {
                Files.move(directory.resolve(name), directory.resolve(name + DAMAGED), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        log.error("spool file {} is damaged ({}): set aside with the files of its queue id as *{}, not delivered",
                file.getFileName(), problem, DAMAGED);
        return Optional.empty();
    }

    /** A spool file whose format does not hold: too short, no footer, a failed CRC. */
    private static final class DamagedFileException extends IOException {
        DamagedFileException(String message) {
            super(message);
        }
    }

    /** Opens a spool file for writing; a file it creates is the owner's only (0600). */
    private FileChannel open(Path file, StandardOpenOption... options) throws IOException {
        java.util.Set<StandardOpenOption> set = java.util.EnumSet.noneOf(StandardOpenOption.class);
        java.util.Collections.addAll(set, options);
        return posix ? FileChannel.open(file, set, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))) : FileChannel.open(file, set);
    }

    private void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the spool needs a file system with atomic rename: " + directory, e);
        }
    }

    /**
     * fdatasync: the file's bytes and what reading them back needs (its size), not its times. The
     * commit point is a rename, made durable by the directory's own fsync.
     */
    private void force(FileChannel channel) throws IOException {
        channel.force(false);
        forces.increment();
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
            forces.increment();
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

    private Path messagePath(String queueId) {
        return directory.resolve(queueId + MESSAGE);
    }

    private Path partPath(String queueId) {
        return directory.resolve(queueId + PART);
    }

    private static void writeFully(FileChannel channel, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The SHA-256 of {@code bytes} in lower-case hex, as {@link BodyInfo#sha256()} holds it. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /**
     * The Message-ID of a header section, without angle brackets and white space, or null. Read
     * straight from the bytes: jakarta.mail's {@code InternetHeaders} allocated about 200 KB per
     * message for this one field (its line reader and a list of every known header name), the
     * largest allocation of the spool in the issue-19 profile.
     */
    static String messageId(byte[] headerSection) {
        int n = headerSection.length;
        int line = 0;
        while (line < n) {
            int end = lineEnd(headerSection, line);
            if (isField(headerSection, line, end, "message-id")) {
                StringBuilder value = new StringBuilder();
                appendValue(value, headerSection, line + "message-id:".length(), end);
                int next = end;
                // folded continuation lines start with white space
                while (next < n && (headerSection[next] == ' ' || headerSection[next] == '\t')) {
                    int nextEnd = lineEnd(headerSection, next);
                    appendValue(value, headerSection, next, nextEnd);
                    next = nextEnd;
                }
                String id = value.toString();
                if (id.startsWith("<") && id.endsWith(">")) {
                    id = id.substring(1, id.length() - 1);
                }
                return id.isEmpty() ? null : id;
            }
            if (end - line <= 2 && (headerSection[line] == '\r' || headerSection[line] == '\n')) {
                return null; // the empty line: end of the header section
            }
            line = end;
        }
        return null;
    }

    /** Index just past the LF ending the line that starts at {@code from} (or the end). */
    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    /** Whether the line at {@code from} is the field {@code name} (lower case), colon included. */
    private static boolean isField(byte[] bytes, int from, int end, String name) {
        if (end - from <= name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int b = bytes[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != name.charAt(i)) {
                return false;
            }
        }
        return bytes[from + name.length()] == ':';
    }

    /** Appends the bytes of a value without white space (a Message-ID has none of its own). */
    private static void appendValue(StringBuilder out, byte[] bytes, int from, int end) {
        String text = new String(bytes, from, end - from, java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != 0x0B) { // regex \\s
                out.append(c);
            }
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
