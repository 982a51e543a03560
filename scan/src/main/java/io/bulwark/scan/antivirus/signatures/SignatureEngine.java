package io.bulwark.scan.antivirus.signatures;

import io.bulwark.scan.antivirus.LeafEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in anti-virus engine: ClamAV-format signatures from one directory
 * ({@code bulwark.antivirus.database-dir}), matched against every leaf of a message.
 *
 * <p>Per leaf the content is read once: hashed with each digest algorithm that hash signatures
 * use, and its first {@code maxBodyBytes} kept for the body signatures (one Aho-Corasick pass over
 * the anchors, then verification of each candidate). Larger objects are still hashed whole, but
 * body signatures see only that head, as clamd's {@code MaxScanSize} does.
 *
 * <p>Reloading: the directory's listing (names, sizes, modification times) is compared with the
 * last load every {@code reloadInterval} (and on {@link #reloadIfChanged()}); when it changed, a
 * new {@link SignatureDatabase} is built on the reloading thread and the reference swapped, so
 * scanning never waits for a load. A load with errors (a container whose MD5 does not match,
 * e.g. one still being copied) does not replace a database that loaded without errors; the next
 * change of the directory tries again. Polling rather than a {@code WatchService}: it also works
 * on network file systems and costs one directory listing per interval.
 *
 * <p>Thread-safe. {@link #close()} stops the reloading thread.
 */
public final class SignatureEngine implements LeafEngine, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureEngine.class);

    private final Path dir;
    private final int maxBodyBytes;
    private final CvdSignature key;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final ScheduledExecutorService reloader;
    private final List<Consumer<SignatureDatabase>> listeners = new CopyOnWriteArrayList<>();
    private volatile LoadReport rejected;

    private record Loaded(SignatureDatabase database, List<String> fingerprint) {
    }

    /**
     * Loads the directory now and, when {@code reloadInterval} is positive, checks it for changes
     * at that interval on a daemon thread.
     *
     * @param maxBodyBytes bytes of each object that body signatures look at
     */
    public SignatureEngine(Path dir, Duration reloadInterval, int maxBodyBytes) {
        this(dir, reloadInterval, maxBodyBytes, true);
    }

    /**
     * As {@link #SignatureEngine(Path, Duration, int)}; {@code verifyContainerSignatures} false
     * accepts {@code .cvd} files that ClamAV did not sign (their MD5 is still checked).
     */
    public SignatureEngine(Path dir, Duration reloadInterval, int maxBodyBytes, boolean verifyContainerSignatures) {
        this(dir, reloadInterval, maxBodyBytes, verifyContainerSignatures ? CvdSignature.CLAMAV : null);
    }

    /**
     * As {@link #SignatureEngine(Path, Duration, int)}; {@code .cvd} signatures are checked against
     * {@code key} ({@link CvdSignature#CLAMAV}, or the key of an operator's own mirror), or only
     * their MD5s when it is null.
     */
    public SignatureEngine(Path dir, Duration reloadInterval, int maxBodyBytes, CvdSignature key) {
        this.key = key;
        this.dir = Objects.requireNonNull(dir, "dir");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
        reloadIfChanged();
        if (reloadInterval != null && !reloadInterval.isZero() && !reloadInterval.isNegative()) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bulwark-signature-reload");
                t.setDaemon(true);
                return t;
            });
            long ms = reloadInterval.toMillis();
            reloader.scheduleWithFixedDelay(this::reloadQuietly, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            reloader = null;
        }
    }

    /** The directory the databases are loaded from. */
    public Path directory() {
        return dir;
    }

    /** The key {@code .cvd} signatures are checked against, or null (MD5 only). */
    public CvdSignature containerKey() {
        return key;
    }

    @Override
    public String name() {
        return "signatures";
    }

    /** The database in use. */
    public SignatureDatabase database() {
        return current.get().database();
    }

    @Override
    public Optional<Scanner> forMessage() {
        SignatureDatabase db = database();
        if (db.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(leaf -> db.scan(leaf.content(), maxBodyBytes));
    }

    @Override
    public String unavailable() {
        LoadReport r = database().report();
        return "no signatures loaded from " + dir + (r.errors().isEmpty() ? "" : " (" + String.join("; ", r.errors())
                + ")");
    }

    /**
     * Loads the directory again if its listing changed since the last load.
     *
     * @return whether a new database is now in use
     */
    public synchronized boolean reloadIfChanged() {
        List<String> fingerprint = fingerprint();
        Loaded old = current.get();
        if (old != null && old.fingerprint().equals(fingerprint)) {
            return false;
        }
        SignatureDatabase loaded = SignatureDatabase.load(dir, SignatureDatabase.Matcher.Q_GRAM, key);
        LoadReport report = loaded.report();
        if (old != null && !report.errors().isEmpty() && old.database().report().errors().isEmpty()
                && !old.database().isEmpty()) {
            LOG.warn("signature database {} not replaced, the new load has errors: {}", dir, report.summary());
            current.set(new Loaded(old.database(), fingerprint));
            rejected = report;
            return false;
        }
        current.set(new Loaded(loaded, fingerprint));
        rejected = null;
        LOG.info("signature database {} loaded: {}", dir, report.summary());
        for (Consumer<SignatureDatabase> listener : listeners) {
            try {
                listener.accept(loaded);
            } catch (RuntimeException e) {
                LOG.warn("a listener of signature database {} failed", dir, e);
            }
        }
        return true;
    }

    /**
     * Calls {@code listener} with every database swapped in from now on, on the thread that loaded
     * it (the reloading thread, or whoever called {@link #reloadIfChanged()}), after the swap.
     * Listeners must be quick; one that throws is logged and does not stop the others.
     */
    public void addReloadListener(Consumer<SignatureDatabase> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The report of the last load that was kept out because it had errors while the database in
     * use had none (a container still being copied, a damaged download), until a later load
     * succeeds; empty otherwise.
     */
    public Optional<LoadReport> rejectedLoad() {
        return Optional.ofNullable(rejected);
    }

    private void reloadQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("signature database {} reload failed", dir, e);
        }
    }

    private List<String> fingerprint() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return p.getFileName() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    return p.getFileName() + "|?";
                }
            }).toList();
        } catch (IOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
