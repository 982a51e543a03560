package io.bulwark.scan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/** Builds archives of every format the walker knows, at test run time. */
public final class Archives {
    private Archives() {
    }

    /** Entries in order, for {@link #zip(Map)} and {@link #tar(Map)}. */
    public static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            Object content = nameThenBytes[i + 1];
            m.put((String) nameThenBytes[i], content instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : (byte[]) content);
        }
        return m;
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        return build(out -> {
            try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
                for (var e : entries.entrySet()) {
                    z.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                    z.write(e.getValue());
                    z.closeArchiveEntry();
                }
            }
        });
    }

    public static byte[] tar(Map<String, byte[]> entries) {
        return build(out -> {
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
                for (var e : entries.entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(e.getValue().length);
                    t.putArchiveEntry(entry);
                    t.write(e.getValue());
                    t.closeArchiveEntry();
                }
            }
        });
    }

    public static byte[] gzip(byte[] content) {
        return build(out -> {
            try (OutputStream g = new GzipCompressorOutputStream(out)) {
                g.write(content);
            }
        });
    }

    public static byte[] bzip2(byte[] content) {
        return build(out -> {
            try (OutputStream g = new BZip2CompressorOutputStream(out)) {
                g.write(content);
            }
        });
    }

    public static byte[] xz(byte[] content) {
        return build(out -> {
            try (OutputStream g = new XZCompressorOutputStream(out)) {
                g.write(content);
            }
        });
    }

    public static byte[] sevenZ(Map<String, byte[]> entries) {
        try {
            SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
            try (SevenZOutputFile z = new SevenZOutputFile(channel)) {
                for (var e : entries.entrySet()) {
                    SevenZArchiveEntry entry = new SevenZArchiveEntry();
                    entry.setName(e.getKey());
                    entry.setSize(e.getValue().length);
                    z.putArchiveEntry(entry);
                    z.write(e.getValue());
                    z.closeArchiveEntry();
                }
                z.finish();
            }
            return Arrays.copyOf(channel.array(), (int) channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first bytes of a RAR 5 archive: enough to be recognised, not to be read. */
    public static byte[] rarSignature() {
        return new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07, 0x01, 0x00, 0x33, (byte) 0x92, (byte) 0xB5, (byte) 0xE5};
    }

    /** A zip whose single entry is cut off in the middle of its compressed data. */
    public static byte[] truncatedZip(byte[] content) {
        byte[] whole = zip(entries("data.bin", content));
        return Arrays.copyOf(whole, 60);
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] build(Writer writer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 42.zip-style bomb: {@code levels} of zips, each holding {@code copies} copies of the level
     * below, around one file of {@code baseBytes} zeros. Small on the wire (the copies compress
     * against each other), {@code baseBytes * copies^levels} unpacked.
     */
    public static byte[] nestedBomb(int levels, int copies, int baseBytes) {
        byte[] current = zip(entries("0.bin", new byte[baseBytes]));
        for (int level = 0; level < levels; level++) {
            Map<String, byte[]> m = new LinkedHashMap<>();
            for (int i = 0; i < copies; i++) {
                m.put("l" + level + "_" + i + ".zip", current);
            }
            current = zip(m);
        }
        return current;
    }

    /**
     * An overlapping-entry zip (the "better zip bomb", D. Fifield 2019, reduced to its core): one
     * local header with deflated zeros, and a central directory whose {@code entries} entries all
     * point at that one header under different names. Built byte by byte per APPNOTE 4.3.
     */
    public static byte[] overlappingZip(int entries, int zeros) {
        byte[] data;
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(new byte[zeros]);
        deflater.finish();
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            d.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        data = d.toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(new byte[zeros]);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1024 + data.length + entries * 64)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] kernelName = "kernel".getBytes(StandardCharsets.US_ASCII);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
                .putShort((short) 0x21).putInt((int) crc.getValue()).putInt(data.length).putInt(zeros)
                .putShort((short) kernelName.length).putShort((short) 0).put(kernelName).put(data);
        int cdOffset = b.position();
        for (int i = 0; i < entries; i++) {
            byte[] name = ("file" + i + ".txt").getBytes(StandardCharsets.US_ASCII);
            b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue()).putInt(data.length)
                    .putInt(zeros).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(name);
        }
        int cdSize = b.position() - cdOffset;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(cdSize).putInt(cdOffset).putShort((short) 0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** The start of a Windows executable: "MZ", the PE header offset at 0x3C, "PE\0\0" there. */
    public static byte[] peExecutable() {
        byte[] pe = new byte[1024];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3C] = (byte) 0x80;
        pe[0x80] = 'P';
        pe[0x81] = 'E';
        return pe;
    }
}
