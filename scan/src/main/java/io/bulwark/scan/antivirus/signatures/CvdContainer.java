package io.bulwark.scan.antivirus.signatures;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A ClamAV database container, {@code .cvd} (as published) or {@code .cld} (as freshclam keeps it
 * after applying incremental updates): a 512-byte text header
 * {@code ClamAV-VDB:time:version:signatures:functionality level:MD5:digital signature:builder:time}
 * padded with spaces, then the payload, a tar archive (gzip-compressed in a {@code .cvd}; a
 * {@code .cld} is read either way, by its first bytes).
 *
 * <p>Integrity, as ClamAV's loader has it: in a {@code .cvd} the MD5 in the header must be the
 * payload's, and the digital signature field must sign that MD5 under the given key
 * ({@link CvdSignature}, normally ClamAV's; none when an administrator turned the check off for
 * self-built containers). A {@code .cld} is rebuilt locally by freshclam from incremental
 * updates and carries no signature of ClamAV's: its MD5 is checked when the header has one (32 hex
 * digits), nothing else. A failed check rejects the whole file.
 *
 * <p>Immutable once read.
 *
 * @param info    what the header says (version, signatures declared, publishing time)
 * @param members the tar members by name, with their bytes
 */
record CvdContainer(ContainerInfo info, Map<String, byte[]> members) {
    static final int HEADER = 512;
    /** Members larger than this are refused: the official main database's largest is about 90 MB. */
    private static final long MAX_MEMBER = 512L * 1024 * 1024;

    /** Reads only the version from the header (to choose between a .cvd and a .cld of one database). */
    static int version(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ContainerInfo.parse(in.readNBytes(HEADER), file.getFileName().toString()).version();
        }
    }

    /** The container's version. */
    int version() {
        return info.version();
    }

    /**
     * Reads and checks a container.
     *
     * @param key the key {@code .cvd} signatures must verify with, or null to check the MD5 only
     */
    static CvdContainer read(Path file, CvdSignature key) throws IOException {
        boolean cld = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".cld");
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length < HEADER) {
            throw new IOException("shorter than the 512-byte header");
        }
        String[] h = header(all, file);
        ContainerInfo info = ContainerInfo.parse(all, file.getFileName().toString());
        String expected = h[5].strip().toLowerCase(java.util.Locale.ROOT);
        boolean hasMd5 = expected.length() == 32 && expected.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        if (hasMd5 || !cld) {
            md5.update(all, HEADER, all.length - HEADER);
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equals(expected)) {
                throw new IOException("MD5 of the payload is " + actual + ", the header says " + expected);
            }
        }
        if (!cld && key != null && !key.verifies(expected, h[6].strip())) {
            throw new IOException("the digital signature does not verify"
                    + (key.equals(CvdSignature.CLAMAV) ? " with ClamAV's key" : ""));
        }
        InputStream payload = new BufferedInputStream(new ByteArrayInputStream(all, HEADER, all.length - HEADER));
        if (all.length > HEADER + 1 && (all[HEADER] & 0xff) == 0x1f && (all[HEADER + 1] & 0xff) == 0x8b) {
            payload = new GzipCompressorInputStream(payload);
        }
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(payload)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                if (entry.getSize() > MAX_MEMBER) {
                    throw new IOException("member " + entry.getName() + " is larger than " + MAX_MEMBER + " bytes");
                }
                members.put(Path.of(entry.getName()).getFileName().toString(), tar.readAllBytes());
            }
        }
        return new CvdContainer(info, members);
    }

    static String[] header(byte[] bytes, Path file) throws IOException {
        String header = new String(bytes, 0, Math.min(HEADER, bytes.length), StandardCharsets.US_ASCII);
        String[] fields = header.split(":", -1);
        if (!header.startsWith("ClamAV-VDB:") || fields.length < 8) {
            throw new IOException(file.getFileName() + ": not a ClamAV-VDB header");
        }
        return fields;
    }
}
