package io.bulwark.scan.antivirus.signatures;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the 512-byte header of a ClamAV database container ({@code .cvd}, {@code .cld}) says about
 * it: {@code ClamAV-VDB:time:version:signatures:functionality level:MD5:dsig:builder:stime}.
 *
 * <p>The publishing time is {@code stime} (seconds since the epoch, what freshclam compares), or,
 * when that field is missing, the human-readable build time of the second field
 * ({@code 05 Dec 2026 04-00 +0000}); null when neither reads.
 *
 * @param version    the database version (daily's grows several times a day)
 * @param signatures the number of signatures the builder declared
 * @param flevel     the functionality level the database needs
 * @param published  when the builder made it, or null
 */
public record ContainerInfo(int version, int signatures, int flevel, Instant published) {
    private static final DateTimeFormatter BUILD_TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH-mm Z",
            Locale.ROOT);

    /** The size of the header, in bytes. */
    public static final int HEADER_BYTES = 512;

    /**
     * Reads a header (its first 512 bytes are enough; more are ignored).
     *
     * @param name for the error message
     * @throws IOException when it is not a ClamAV-VDB header or its numbers do not read
     */
    public static ContainerInfo parse(byte[] header, String name) throws IOException {
        String[] h = CvdContainer.header(header, Path.of(name));
        try {
            int version = Integer.parseInt(h[2].strip());
            int declared = Integer.parseInt(h[3].strip());
            int flevel = h[4].isBlank() ? 0 : Integer.parseInt(h[4].strip());
            return new ContainerInfo(version, declared, flevel, published(h));
        } catch (NumberFormatException e) {
            throw new IOException(name + ": the header's version, signature count or level is not a number");
        }
    }

    /**
     * Reads and checks a whole container file as the loader would (MD5 of the payload, and for a
     * {@code .cvd} the digital signature under {@code key}; null checks the MD5 only), without
     * keeping its signatures. An updater checks a download with it before moving it into place.
     *
     * @throws IOException when the file is not a container or a check fails, naming why
     */
    public static ContainerInfo verify(Path file, CvdSignature key) throws IOException {
        return CvdContainer.read(file, key).info();
    }

    private static Instant published(String[] h) {
        if (h.length > 8) {
            String stime = h[8].strip();
            int end = 0;
            while (end < stime.length() && Character.isDigit(stime.charAt(end))) {
                end++;
            }
            if (end > 0) {
                try {
                    return Instant.ofEpochSecond(Long.parseLong(stime.substring(0, end)));
                } catch (NumberFormatException ignored) {
                    // fall back to the build time
                }
            }
        }
        try {
            return ZonedDateTime.parse(h[1].strip(), BUILD_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
