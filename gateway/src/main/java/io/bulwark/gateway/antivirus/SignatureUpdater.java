package io.bulwark.gateway.antivirus;

import io.bulwark.scan.antivirus.signatures.ContainerInfo;
import io.bulwark.scan.antivirus.signatures.CvdSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings a database directory up to date from a {@link DatabaseMirror}, one database at a time,
 * as freshclam does with whole containers: ask the mirror for {@code NAME.cvd}'s header; when its
 * version is higher than the local one (the higher of {@code NAME.cvd} and {@code NAME.cld}),
 * download it under a hidden temporary name in the directory, check it completely (MD5 of the
 * payload, the digital signature under the configured key, a version that is really newer), and
 * only then rename it into place atomically. The loader never sees a partial file, and a download
 * that fails any check is deleted: the directory keeps what it had.
 *
 * <p>Incremental updates ({@code .cdiff}) are not applied: a whole {@code daily.cvd} is about
 * 60 MB, fetched only when its version changed. Older versions are never installed (a mirror that
 * lags behind cannot roll a node back).
 *
 * <p>Not thread-safe: one update at a time ({@link AntivirusUpdates} serialises them).
 */
public final class SignatureUpdater {
    private final Path dir;
    private final DatabaseMirror mirror;
    private final List<String> databases;
    private final CvdSignature key;
    private final long maxDownloadBytes;

    /**
     * @param dir              the database directory ({@code bulwark.antivirus.database-dir})
     * @param databases        the databases to keep up to date, by base name ("main", "daily")
     * @param key              the key downloads must be signed with; null checks their MD5 only
     * @param maxDownloadBytes a larger container is refused
     */
    public SignatureUpdater(Path dir, DatabaseMirror mirror, List<String> databases, CvdSignature key,
            long maxDownloadBytes) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.databases = List.copyOf(databases);
        this.key = key;
        this.maxDownloadBytes = maxDownloadBytes;
    }

    /** The mirror's URL. */
    public String source() {
        return mirror.describe();
    }

    /**
     * What one run did.
     *
     * @param installed        the container files installed ("daily.cvd")
     * @param failures         per database that could not be updated, why ("daily.cvd: ...")
     * @param newestOffered    the newest publishing time among the headers the mirror offered, or null
     */
    public record Outcome(List<String> installed, List<String> failures, Instant newestOffered) {
        public Outcome {
            installed = List.copyOf(installed);
            failures = List.copyOf(failures);
        }
    }

    /** Updates every database; never throws (each failure is in the outcome). */
    public Outcome update() {
        List<String> installed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Instant newest = null;
        for (String database : databases) {
            String file = database + ".cvd";
            try {
                Optional<byte[]> header = mirror.header(file);
                if (header.isEmpty()) {
                    failures.add(file + ": not on the mirror " + mirror.describe());
                    continue;
                }
                ContainerInfo offered = ContainerInfo.parse(header.get(), file);
                if (offered.published() != null && (newest == null || offered.published().isAfter(newest))) {
                    newest = offered.published();
                }
                if (offered.version() <= localVersion(database)) {
                    continue;
                }
                install(file, offered);
                installed.add(file);
            } catch (IOException | RuntimeException e) {
                failures.add(file + ": " + e.getMessage());
            }
        }
        return new Outcome(installed, failures, newest);
    }

    private void install(String file, ContainerInfo offered) throws IOException {
        Path partial = dir.resolve("." + file + ".download");
        try {
            mirror.download(file, partial, maxDownloadBytes);
            ContainerInfo got = ContainerInfo.verify(partial, key);
            int local = localVersion(file.substring(0, file.length() - 4));
            if (got.version() <= local) {
                throw new IOException("the mirror sent version " + got.version() + " (its header said "
                        + offered.version() + "), not newer than the installed " + local);
            }
            try {
                Files.move(partial, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The higher version of NAME.cvd and NAME.cld in the directory; -1 when neither reads. */
    private int localVersion(String database) {
        int version = -1;
        for (String ext : List.of(".cvd", ".cld")) {
            try (InputStream in = Files.newInputStream(dir.resolve(database + ext))) {
                version = Math.max(version, ContainerInfo.parse(in.readNBytes(ContainerInfo.HEADER_BYTES),
                        database + ext).version());
            } catch (NoSuchFileException e) {
                // not installed yet
            } catch (IOException e) {
                // an unreadable local copy is replaced by the mirror's
            }
        }
        return version;
    }
}
