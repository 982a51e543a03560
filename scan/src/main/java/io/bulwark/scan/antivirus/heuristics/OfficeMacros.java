package io.bulwark.scan.antivirus.heuristics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Finds VBA projects in OLE2 compound files with Apache POI's POIFS, by the directory's entry
 * names (MS-OVBA 2.2: every VBA project storage holds a {@code _VBA_PROJECT} stream), not by
 * searching the bytes: Word keeps document text in UTF-16, so a byte search would flag a letter
 * that merely mentions the name. Covers the legacy formats ({@code .doc} "Macros",
 * {@code .xls} "_VBA_PROJECT_CUR") and OOXML's {@code vbaProject.bin} member, which is itself an
 * OLE2 file that the archive walker hands over as a leaf of the package.
 *
 * <p>Bounded: reads at most {@link #MAX_BYTES}; a larger or damaged file is "not known" rather
 * than a failure. Stateless and thread-safe.
 */
public final class OfficeMacros {
    /** OLE2 files larger than this are not opened (POIFS reads the whole file). */
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1};
    private static final int MAX_DEPTH = 8;

    private OfficeMacros() {
    }

    /** Whether the bytes start like an OLE2 compound file. */
    public static boolean isOle2(byte[] head) {
        if (head.length < OLE2.length) {
            return false;
        }
        for (int i = 0; i < OLE2.length; i++) {
            if (head[i] != OLE2[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the OLE2 file read from {@code in} holds a VBA project.
     *
     * @return true or false; null when it could not be told (too large, damaged)
     */
    public static Boolean hasVbaProject(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES || !isOle2(bytes)) {
            return bytes.length > MAX_BYTES ? null : false;
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
            return holdsVba(fs.getRoot(), 0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean holdsVba(DirectoryEntry dir, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (Entry entry : dir) {
            String name = entry.getName();
            if (name.equalsIgnoreCase("_VBA_PROJECT") || name.equalsIgnoreCase("_VBA_PROJECT_CUR")) {
                return true;
            }
            if (entry instanceof DirectoryEntry child && holdsVba(child, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
