package io.bulwark.scan.testing;

import static io.bulwark.scan.testing.Archives.entries;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Office files built at test run time with POI: legacy OLE2 documents and OOXML packages, with or without VBA. */
public final class OfficeFiles {
    private OfficeFiles() {
    }

    /**
     * A Word 97 style OLE2 file; with {@code macros}, a "Macros/VBA" storage holding the
     * {@code _VBA_PROJECT} and {@code dir} streams (MS-OVBA 2.2). {@code text} goes into the
     * WordDocument stream as UTF-16LE, as Word stores text.
     */
    public static byte[] ole2(boolean macros, String text) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.getRoot().createDocument("WordDocument",
                    new ByteArrayInputStream(pad(text.getBytes(StandardCharsets.UTF_16LE))));
            if (macros) {
                DirectoryEntry vba = fs.getRoot().createDirectory("Macros").createDirectory("VBA");
                vba.createDocument("_VBA_PROJECT", new ByteArrayInputStream(new byte[] {(byte) 0xCC, 0x61, 0, 0, 0, 0, 0}));
                vba.createDocument("dir", new ByteArrayInputStream(new byte[64]));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A macro-enabled Word package (.docm): OOXML parts and {@code word/vbaProject.bin}. */
    public static byte[] docm() {
        return Archives.zip(entries("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>",
                "word/document.xml", "<w:document/>", "word/vbaProject.bin", ole2(true, "")));
    }

    private static byte[] pad(byte[] b) {
        return java.util.Arrays.copyOf(b, Math.max(b.length, 4096));
    }
}
