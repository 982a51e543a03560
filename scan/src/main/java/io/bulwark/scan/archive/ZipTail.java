package io.bulwark.scan.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the last bytes of a zip as it streams past, so that its central directory can be checked
 * after the entries were read in order: a streaming reader sees the local headers one after the
 * other, while unzip tools (and mail clients) follow the central directory. Two tricks live in
 * the gap between the two views, and both end the walk with a reason:
 * <ul>
 *   <li>overlapping entries (David Fifield's "better zip bomb", 2019): several central directory
 *       entries point into the same compressed bytes, so a 46 MB file unpacks to 4.5 PB while no
 *       single entry has a suspicious ratio;</li>
 *   <li>entries listed by the central directory that the local headers in order do not show (data
 *       hidden from a streaming scanner).</li>
 * </ul>
 *
 * <p>Bounded: at most {@code capacity} bytes are kept (a ring once full), so a zip whose central
 * directory is larger than that is not checked this way (its entries still count towards the
 * entry limit). Zip64 offsets are not followed. Offsets are from the zip's first byte, which the
 * walker guarantees is a local header signature.
 *
 * <p>Not thread-safe; one per zip being walked.
 */
final class ZipTail extends FilterInputStream {
    private static final int LOCAL_HEADER = 30;
    private static final long NO_VALUE = 0xFFFFFFFFL;

    private final int capacity;
    private byte[] buffer = new byte[4096];
    private int length;
    private int start;
    private long total;

    ZipTail(InputStream in, int capacity) {
        super(in);
        this.capacity = capacity;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            keep(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest (the central directory, which the entry reader stops before). */
    void drain() throws IOException {
        transferTo(OutputStream.nullOutputStream());
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] scratch = new byte[8192];
        long done = 0;
        int r;
        while ((r = read(scratch, 0, scratch.length)) >= 0) {
            out.write(scratch, 0, r);
            done += r;
        }
        return done;
    }

    private void keep(byte[] b, int off, int n) {
        total += n;
        if (length < capacity && length + n > buffer.length && buffer.length < capacity) {
            byte[] grown = new byte[(int) Math.min(capacity, Math.max((long) buffer.length * 2, length + n))];
            System.arraycopy(buffer, 0, grown, 0, length);
            buffer = grown;
        }
        for (int i = 0; i < n; i++) {
            if (length < buffer.length) {
                buffer[length++] = b[off + i];
            } else {
                buffer[start] = b[off + i];
                start = (start + 1) % buffer.length;
            }
        }
    }

    /** The kept tail, oldest byte first. */
    private byte[] tail() {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer[(start + i) % buffer.length];
        }
        return out;
    }

    /**
     * Why the central directory disagrees with the stream, or null when it agrees or cannot be
     * checked (not kept, zip64, damaged: the entry reader reports damage itself).
     *
     * @param streamEntries how many entries the in-order reading found
     */
    String problem(int streamEntries) {
        byte[] t = tail();
        long tailStart = total - t.length;
        int eocd = -1;
        for (int i = t.length - 22; i >= Math.max(0, t.length - 22 - 65535); i--) {
            if (t[i] == 'P' && t[i + 1] == 'K' && t[i + 2] == 5 && t[i + 3] == 6) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return null;
        }
        int count = u16(t, eocd + 10);
        long cdOffset = u32(t, eocd + 16);
        if (count == 0xFFFF || cdOffset == NO_VALUE || cdOffset < tailStart) {
            return null;
        }
        List<Entry> entries = new ArrayList<>();
        int p = (int) (cdOffset - tailStart);
        for (int k = 0; k < count; k++) {
            if (p + 46 > t.length || u32(t, p) != 0x02014b50L) {
                return null;
            }
            long compressed = u32(t, p + 20);
            int nameLength = u16(t, p + 28);
            int extra = u16(t, p + 30);
            int comment = u16(t, p + 32);
            long offset = u32(t, p + 42);
            if (p + 46 + nameLength > t.length) {
                return null;
            }
            String name = new String(t, p + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8);
            if (compressed == NO_VALUE || offset == NO_VALUE) {
                return null;
            }
            entries.add(new Entry(name, offset, offset + LOCAL_HEADER + nameLength + compressed));
            p += 46 + nameLength + extra + comment;
        }
        entries.sort(Comparator.comparingLong(Entry::offset));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long next = i + 1 < entries.size() ? entries.get(i + 1).offset() : cdOffset;
            String nextName = i + 1 < entries.size() ? entries.get(i + 1).name() : "the central directory";
            if (e.end() > next) {
                return "overlapping zip entries: the data of " + e.name() + " runs into " + nextName
                        + " (entries share compressed bytes, a zip bomb technique)";
            }
        }
        if (count > streamEntries) {
            return "zip central directory lists " + count + " entries, reading in order finds " + streamEntries
                    + " (hidden entries)";
        }
        return null;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    /** A central directory entry: where its local header starts, where its data ends at least. */
    private record Entry(String name, long offset, long end) {
    }
}
