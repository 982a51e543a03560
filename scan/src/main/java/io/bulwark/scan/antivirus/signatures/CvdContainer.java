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
 * <p>Integrity: the MD5 in the header is checked against the payload and a mismatch rejects the
 * file. The digital signature field (ClamAV's RSA signature of that MD5 under its own key) is
 * <b>not</b> verified: doing it right needs ClamAV's key and its own encoding of the signature,
 * which we could not check against a real signed file here. A database is trusted because an
 * administrator put it into the directory; docs/antivirus.md says so.
 *
 * <p>Immutable once read.
 *
 * @param version  the database version from the header
 * @param declared the number of signatures the header declares
 * @param members  the tar members by name, with their bytes
 */
record CvdContainer(int version, int declared, Map<String, byte[]> members) {
    static final int HEADER = 512;
    /** Members larger than this are refused: the official main database's largest is about 90 MB. */
    private static final long MAX_MEMBER = 512L * 1024 * 1024;

    /** Reads only the version from the header (to choose between a .cvd and a .cld of one database). */
    static int version(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Integer.parseInt(header(in.readNBytes(HEADER), file)[2].strip());
        } catch (NumberFormatException e) {
            throw new IOException(file.getFileName() + ": the header has no version", e);
        }
    }

    static CvdContainer read(Path file) throws IOException {
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
        int version;
        int declared;
        try {
            version = Integer.parseInt(h[2].strip());
            declared = Integer.parseInt(h[3].strip());
        } catch (NumberFormatException e) {
            throw new IOException("the header's version or signature count is not a number");
        }
        String expected = h[5].strip().toLowerCase(java.util.Locale.ROOT);
        md5.update(all, HEADER, all.length - HEADER);
        String actual = HexFormat.of().formatHex(md5.digest());
        if (!actual.equals(expected)) {
            throw new IOException("MD5 of the payload is " + actual + ", the header says " + expected);
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
        return new CvdContainer(version, declared, members);
    }

    private static String[] header(byte[] bytes, Path file) throws IOException {
        String header = new String(bytes, 0, Math.min(HEADER, bytes.length), StandardCharsets.US_ASCII);
        String[] fields = header.split(":", -1);
        if (!header.startsWith("ClamAV-VDB:") || fields.length < 8) {
            throw new IOException(file.getFileName() + ": not a ClamAV-VDB header");
        }
        return fields;
    }
}
