package io.bulwark.scan.archive;

import io.bulwark.scan.filetype.FileType;
import io.bulwark.scan.filetype.FileTypeDetector;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.MimeLimits;
import io.bulwark.scan.message.text.Printable;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The {@link ArchiveWalker} on Apache Commons Compress: containers are recognised by their magic
 * bytes (not by file name, which the sender chooses), except attached messages ({@code .eml}),
 * which have none.
 *
 * <p>Streaming: zip, tar, gzip, bzip2 and xz are read entry by entry through a counting stream, so
 * at most a buffer of unpacked bytes is in the heap at once. Two formats need their whole
 * (compressed) bytes: 7z, whose index is at the end, and attached messages, which the MIME parser
 * reads whole; both are read only up to what is left of the walk's byte budget.
 *
 * <p>Defends against archive bombs: every unpacked byte counts towards
 * {@link ArchiveLimits#maxTotalBytes()}, an entry's ratio of unpacked to compressed bytes is
 * watched as it unpacks (zip, gzip, bzip2, xz report their compressed counts), entries are
 * counted over the message, and nesting stops at {@link ArchiveLimits#maxDepth()}. A limit ends
 * the walk of the MIME part concerned with a LIMIT notice; the next parts are still walked. An
 * entry is drained through the counter before the next is read, so skipping the tail of a bomb is
 * bounded too. Damaged input (including runtime exceptions from the decoders) is a CORRUPTED
 * notice. Checks the thread's interrupt flag and the walk's time limit on every read.
 *
 * <p>Zips are streamed entry by entry, and their central directory is then checked against what
 * the stream showed ({@link ZipTail}): overlapping entries (the "better zip bomb") and entries
 * hidden from in-order reading end the part's walk with a LIMIT notice. Every object gets its real
 * type ({@link FileTypeDetector}); containers are shown to {@link LeafVisitor#container} before
 * they are opened. OLE2 documents and PDFs are leaves (their macros and actions are found by the
 * checks that read them, {@code io.bulwark.scan.antivirus.heuristics}); OOXML packages are zips,
 * walked member by member, and recognised by their type on the container.
 *
 * <p>Stateless and thread-safe: each {@link #walk} keeps its budget on its own stack.
 */
public final class StreamingArchiveWalker implements ArchiveWalker {
    /** Bytes looked at before a decision: the container magic and the real file type need them. */
    private static final int HEAD = FileTypeDetector.HEAD_BYTES;
    /** How much of a zip's end is kept to check its central directory against its entries. */
    private static final int ZIP_TAIL = 1024 * 1024;
    /** 7z and xz dictionaries may ask for a lot of memory; a bomb must not get it. */
    private static final int MAX_DECODER_MEMORY_KB = 64 * 1024;

    private final ArchiveLimits limits;
    private final MessageViewParser embeddedParser;
    private final FileTypeDetector types = FileTypeDetector.shared();

    public StreamingArchiveWalker(ArchiveLimits limits, MimeLimits mimeLimits) {
        this.limits = limits;
        this.embeddedParser = new MessageViewParser(mimeLimits);
    }

    /** A walker with the default limits. */
    public StreamingArchiveWalker() {
        this(ArchiveLimits.defaults(), MimeLimits.defaults());
    }

    /** The limits in force. */
    public ArchiveLimits limits() {
        return limits;
    }

    @Override
    public WalkReport walk(MessageView message, LeafVisitor visitor) throws InterruptedIOException {
        Walk walk = new Walk(visitor);
        for (MessagePart part : message.parts()) {
            if (walk.stopped) {
                break;
            }
            checkInterrupt();
            List<String> names = List.of(part.filename() == null ? "" : part.filename());
            try {
                walk.checkTime(part.path(), names);
                walk.part(part, names);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (ArchiveLimitException e) {
                walk.notice(WalkReport.Kind.LIMIT, part.path(), names, e.getMessage());
            } catch (IOException | RuntimeException e) {
                walk.notice(WalkReport.Kind.CORRUPTED, part.path(), names, "damaged: " + describe(e));
            }
            walk.limitHit = null;
        }
        return new WalkReport(walk.notices, walk.leaves, walk.stopped);
    }

    private static void checkInterrupt() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while walking archives");
        }
    }

    /**
     * A library's complaint, fit for a reason: Commons Compress quotes entry names, which a damaged
     * or crafted archive fills with binary or line breaks ({@link Printable}).
     */
    private static String describe(Throwable e) {
        String text = Printable.clean(e.getMessage(), Printable.NAME_MAX);
        return text == null ? e.getClass().getSimpleName() : text;
    }

    private static List<String> plus(List<String> names, String name) {
        List<String> out = new ArrayList<>(names);
        out.add(name);
        return out;
    }

    /** Container formats by their first bytes. */
    enum Format {
        ZIP, GZIP, BZIP2, XZ, SEVEN_Z, TAR, RAR, EML, NONE;

        static Format detect(byte[] h, String name) {
            if (starts(h, 0x50, 0x4B, 0x03, 0x04)) {
                return ZIP;
            }
            if (starts(h, 0x1F, 0x8B)) {
                return GZIP;
            }
            if (starts(h, 'B', 'Z', 'h') && h.length > 3 && h[3] >= '1' && h[3] <= '9') {
                return BZIP2;
            }
            if (starts(h, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
                return XZ;
            }
            if (starts(h, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
                return SEVEN_Z;
            }
            if (starts(h, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
                return RAR;
            }
            if (h.length >= 262 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
                return TAR;
            }
            if (name.toLowerCase(Locale.ROOT).endsWith(".eml")) {
                return EML;
            }
            return NONE;
        }

        private static boolean starts(byte[] h, int... magic) {
            if (h.length < magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if ((h[i] & 0xFF) != (magic[i] & 0xFF)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The state of one walk: its budget, what it noticed, whether the visitor stopped it. */
    private final class Walk {
        private final LeafVisitor visitor;
        private final List<WalkReport.Notice> notices = new ArrayList<>();
        private int leaves;
        private int entries;
        private long unpacked;
        private boolean stopped;
        private final long deadline = System.nanoTime() + limits.maxTime().toNanos();
        /** Set when a counted stream refused a read, so a visitor that swallows the exception cannot hide it. */
        private String limitHit;

        Walk(LeafVisitor visitor) {
            this.visitor = visitor;
        }

        void notice(WalkReport.Kind kind, String partPath, List<String> names, String reason) {
            notices.add(new WalkReport.Notice(kind, partPath, names, reason));
        }

        void checkTime(String partPath, List<String> names) throws ArchiveLimitException {
            if (System.nanoTime() - deadline > 0) {
                throw limit("time limit: walking took longer than " + limits.maxTime().toSeconds() + " s, reached in "
                        + WalkReport.location(partPath, names));
            }
        }

        /** One object: a container to open, or a leaf for the visitor. */
        void object(String partPath, List<String> names, int depth, InputStream raw) throws IOException {
            if (stopped) {
                return;
            }
            BufferedInputStream in = new BufferedInputStream(raw, HEAD);
            in.mark(HEAD);
            byte[] head = in.readNBytes(HEAD);
            in.reset();
            object(partPath, names, depth, in, head, "", null);
        }

        /**
         * A MIME part: its bytes are in memory already, so its head is one copy and its stream the
         * part's own, not a buffer over it (two copies fewer per part and walk).
         */
        void part(MessagePart part, List<String> names) throws IOException {
            object(part.path(), names, 0, part.openStream(), part.head(HEAD), part.contentType(), part::type);
        }

        /**
         * @param known finds the object's type (a MIME part's, kept on the part so that the walks
         *              of several engines detect it once), else null: detected from the head when a
         *              visitor asks
         */
        void object(String partPath, List<String> names, int depth, InputStream in, byte[] head,
                String declaredType, Supplier<FileType> known) throws IOException {
            if (stopped) {
                return;
            }
            checkInterrupt();
            checkTime(partPath, names);
            String name = names.isEmpty() ? "" : names.getLast();
            Format format = Format.detect(head, name);
            // detected only if a visitor asks (ADR 0041); the node's detector keeps answers by content
            Supplier<FileType> type = known != null ? known : () -> types.detect(head, name);
            String declared = declaredType == null ? "" : declaredType;
            if (format == Format.NONE) {
                leaf(partPath, names, depth, in, declared, type);
                return;
            }
            stopped = !visitor.container(new Leaf(partPath, names, depth, new java.io.ByteArrayInputStream(head),
                    declared, type));
            if (limitHit != null) {
                throw new ArchiveLimitException(limitHit);
            }
            if (stopped) {
                return;
            }
            if (format == Format.RAR) {
                notice(WalkReport.Kind.UNSUPPORTED_FORMAT, partPath, names, "not scanned: format (RAR)");
                rarNames(partPath, names, depth, in);
                return;
            }
            if (depth >= limits.maxDepth()) {
                throw limit("nesting limit: containers nested deeper than " + limits.maxDepth() + " in "
                        + WalkReport.location(partPath, names));
            }
            try {
                switch (format) {
                    case ZIP -> zip(partPath, names, depth, in);
                    case TAR -> tar(partPath, names, depth, in);
                    case GZIP -> compressed(partPath, names, depth, new GzipCompressorInputStream(in, true));
                    case BZIP2 -> compressed(partPath, names, depth, new BZip2CompressorInputStream(in, true));
                    case XZ -> compressed(partPath, names, depth,
                            new XZCompressorInputStream(in, true, MAX_DECODER_MEMORY_KB));
                    case SEVEN_Z -> sevenZ(partPath, names, depth, in);
                    case EML -> embeddedMessage(partPath, names, depth, in);
                    default -> throw new IllegalStateException(format.name());
                }
            } catch (ArchiveLimitException | InterruptedIOException e) {
                throw e;
            } catch (PasswordRequiredException e) {
                notice(WalkReport.Kind.ENCRYPTED, partPath, names, "encrypted archive in "
                        + WalkReport.location(partPath, names));
            } catch (IOException | RuntimeException e) {
                if (limitHit != null) {
                    throw new ArchiveLimitException(limitHit);
                }
                notice(WalkReport.Kind.CORRUPTED, partPath, names, "damaged " + format.name().toLowerCase(Locale.ROOT)
                        + " in " + WalkReport.location(partPath, names) + ": " + describe(e));
            }
        }

        private void leaf(String partPath, List<String> names, int depth, InputStream in, String declaredType,
                Supplier<FileType> type) throws IOException {
            leaves++;
            boolean goOn = visitor.visit(new Leaf(partPath, names, depth, in, declaredType, type));
            if (limitHit != null) {
                throw new ArchiveLimitException(limitHit);
            }
            stopped = !goOn;
        }

        private void zip(String partPath, List<String> names, int depth, InputStream in) throws IOException {
            ZipTail tail = new ZipTail(in, ZIP_TAIL);
            ZipArchiveInputStream zip = new ZipArchiveInputStream(tail, "UTF-8", true, true);
            boolean encryptedSeen = false;
            int seen = 0;
            while (!stopped) {
                ZipArchiveEntry entry;
                try {
                    entry = zip.getNextEntry();
                } catch (IOException e) {
                    if (encryptedSeen && !(e instanceof ArchiveLimitException)) {
                        // skipping an encrypted entry of unknown length cannot find the next one
                        return;
                    }
                    if (!(e instanceof ArchiveLimitException) && !(e instanceof InterruptedIOException)) {
                        // the stream broke off; if the central directory still lists entries past
                        // the break, unzip tools find what we could not: say so rather than "damaged"
                        String problem = centralDirectoryProblem(tail, seen);
                        if (problem != null) {
                            throw limit(problem + " in " + WalkReport.location(partPath, names));
                        }
                    }
                    throw e;
                }
                if (entry == null) {
                    if (!encryptedSeen) {
                        tail.drain();
                        String problem = tail.problem(seen);
                        if (problem != null) {
                            throw limit(problem + " in " + WalkReport.location(partPath, names));
                        }
                    }
                    return;
                }
                seen++;
                countEntry(partPath, names);
                if (entry.isDirectory()) {
                    continue;
                }
                List<String> inner = plus(names, entry.getName());
                if (entry.getGeneralPurposeBit().usesEncryption()) {
                    encryptedSeen = true;
                    notice(WalkReport.Kind.ENCRYPTED, partPath, inner, "encrypted archive entry in "
                            + WalkReport.location(partPath, inner));
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    notice(WalkReport.Kind.UNSUPPORTED_FORMAT, partPath, inner, "not scanned: format (zip method "
                            + entry.getMethod() + ") in " + WalkReport.location(partPath, inner));
                    continue;
                }
                Counted counted = new Counted(zip, zip, partPath, inner);
                object(partPath, inner, depth + 1, counted);
                counted.drain();
            }
        }

        /** The tail check after a broken stream, or null when it cannot tell (the tail cannot be read either). */
        private String centralDirectoryProblem(ZipTail tail, int seen) {
            try {
                tail.drain();
                return tail.problem(seen);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** A RAR's entry names, for visitors that judge names (its content is not unpacked). */
        private void rarNames(String partPath, List<String> names, int depth, InputStream in) throws IOException {
            List<String> found;
            try {
                found = RarNames.list(in, limits.maxEntries());
            } catch (ArchiveLimitException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                return;
            }
            for (String entry : found) {
                if (stopped) {
                    return;
                }
                countEntry(partPath, names);
                List<String> inner = plus(names, entry);
                stopped = !visitor.listed(new Leaf(partPath, inner, depth + 1, InputStream.nullInputStream(), "",
                        types.byName(entry)));
            }
        }

        private void tar(String partPath, List<String> names, int depth, InputStream in) throws IOException {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry entry;
            while (!stopped && (entry = tar.getNextEntry()) != null) {
                countEntry(partPath, names);
                if (!entry.isFile()) {
                    continue;
                }
                List<String> inner = plus(names, entry.getName());
                Counted counted = new Counted(tar, null, partPath, inner);
                object(partPath, inner, depth + 1, counted);
                counted.drain();
            }
        }

        private void compressed(String partPath, List<String> names, int depth, CompressorInputStream in)
                throws IOException {
            countEntry(partPath, names);
            List<String> inner = plus(names, uncompressedName(names.isEmpty() ? "" : names.getLast()));
            object(partPath, inner, depth + 1, new Counted(in, (InputStreamStatistics) in, partPath, inner));
        }

        private void sevenZ(String partPath, List<String> names, int depth, InputStream in) throws IOException {
            byte[] whole = readWithinBudget(in, partPath, names);
            try (SevenZFile archive = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(whole))
                    .setMaxMemoryLimitKiB(MAX_DECODER_MEMORY_KB).get()) {
                SevenZArchiveEntry entry;
                while (!stopped && (entry = archive.getNextEntry()) != null) {
                    countEntry(partPath, names);
                    if (entry.isDirectory() || !entry.hasStream()) {
                        continue;
                    }
                    List<String> inner = plus(names, entry.getName());
                    Counted counted = new Counted(archive.getInputStream(entry), null, partPath, inner);
                    object(partPath, inner, depth + 1, counted);
                    counted.drain();
                }
            }
        }

        private void embeddedMessage(String partPath, List<String> names, int depth, InputStream in)
                throws IOException {
            MessageView embedded = embeddedParser.parse(readWithinBudget(in, partPath, names));
            for (String problem : embedded.problems()) {
                notice(WalkReport.Kind.LIMIT, partPath, names, "attached message " + WalkReport.location(partPath, names)
                        + ": " + problem);
            }
            for (MessagePart part : embedded.parts()) {
                if (stopped) {
                    return;
                }
                List<String> inner = plus(names, part.filename() == null ? "part " + part.path() : part.filename());
                object(partPath, inner, depth + 1, part.openStream());
            }
        }

        /** The whole of a container that cannot be streamed, if it fits in what is left of the budget. */
        private byte[] readWithinBudget(InputStream in, String partPath, List<String> names) throws IOException {
            long left = limits.maxTotalBytes() - unpacked;
            int max = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(0, left));
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw limit("size limit: " + WalkReport.location(partPath, names) + " does not fit in the "
                        + limits.maxTotalBytes() + " bytes a message may unpack");
            }
            return bytes;
        }

        private void countEntry(String partPath, List<String> names) throws ArchiveLimitException {
            if (++entries > limits.maxEntries()) {
                throw limit("entry limit: more than " + limits.maxEntries() + " archive entries, reached in "
                        + WalkReport.location(partPath, names));
            }
        }

        private ArchiveLimitException limit(String reason) {
            limitHit = reason;
            return new ArchiveLimitException(reason);
        }

        /** An entry's unpacked bytes, counted against the walk's budget and the entry's ratio. */
        private final class Counted extends FilterInputStream {
            private final InputStreamStatistics statistics;
            private final String partPath;
            private final List<String> names;
            private long count;

            Counted(InputStream in, InputStreamStatistics statistics, String partPath, List<String> names) {
                super(in);
                this.statistics = statistics;
                this.partPath = partPath;
                this.names = names;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                checkInterrupt();
                checkTime(partPath, names);
                if (limitHit != null) {
                    throw new ArchiveLimitException(limitHit);
                }
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipping inflates all the same: count what is skipped
                return transferTo(OutputStream.nullOutputStream(), n);
            }

            private long transferTo(OutputStream out, long max) throws IOException {
                byte[] buffer = new byte[8192];
                long done = 0;
                while (done < max) {
                    int n = read(buffer, 0, (int) Math.min(buffer.length, max - done));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    done += n;
                }
                return done;
            }

            @Override
            public void close() {
                // the container's stream is shared by all its entries and read on after this one
            }

            void drain() throws IOException {
                transferTo(OutputStream.nullOutputStream(), Long.MAX_VALUE);
            }

            private void count(int n) throws ArchiveLimitException {
                count += n;
                unpacked += n;
                if (unpacked > limits.maxTotalBytes()) {
                    throw limit("size limit: more than " + limits.maxTotalBytes() + " bytes unpacked, reached in "
                            + WalkReport.location(partPath, names));
                }
                if (statistics != null && count > limits.ratioFloorBytes()) {
                    long compressed = Math.max(1, statistics.getCompressedCount());
                    if (count / compressed > limits.maxRatio()) {
                        throw limit("compression ratio limit: " + WalkReport.location(partPath, names)
                                + " unpacks more than " + limits.maxRatio() + ":1");
                    }
                }
            }
        }
    }

    /** "a.tar.gz" gives "a.tar", "a.tgz" "a.tar", "x.gz" "x"; a name without the suffix stays. */
    static String uncompressedName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tgz")) {
            return name.substring(0, name.length() - 4) + ".tar";
        }
        for (String suffix : List.of(".gz", ".bz2", ".xz")) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name.isEmpty() ? "(compressed)" : name + " (uncompressed)";
    }
}
