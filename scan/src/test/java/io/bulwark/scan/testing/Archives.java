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
}
