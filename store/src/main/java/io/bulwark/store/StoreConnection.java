package io.bulwark.store;

import com.mongodb.ConnectionString;
import com.mongodb.UnixServerAddress;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.bulwark.store.internal.StoreFlightEvents;
import io.bulwark.store.internal.TypedH2Backend;
import io.bulwark.store.internal.UnixSocketServer;
import io.bulwark.store.internal.WriteGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the store's MongoDB: either an embedded mongo-java-server on an H2 MVStore
 * file (the appliance), or a real MongoDB given by URI (a cluster on a replica set).
 *
 * <p>Lifecycle: created started by {@link #embedded(Path, boolean)} or {@link #remote(String)};
 * {@link #close()} closes the client, then (embedded) stops the server, commits and closes the
 * MVStore. Closing twice is harmless. Thread-safe.
 *
 * <p>Embedded: the server is reachable only through a Unix domain socket with mode 0600 in the
 * store's 0700 directory ({@link UnixSocketServer}), not through a TCP port that every local user
 * could open: the server has no authentication, and the store holds password hashes, Backup mail and
 * the events that grant administrator rights. MVStore's own background commits are off; the store
 * commits only through the {@link WriteGate}, between server commands, from the
 * {@link #durabilityBarrier()} and from a once-a-second committer, so the file never holds a
 * document without its index entries. At open, the unique indexes are checked against the documents
 * and rebuilt if a store written by an earlier version says otherwise ({@link TypedH2Backend#verifyIndexes}).
 *
 * <p>Remote: the client uses write concern {@code majority} with journaling and read concern
 * {@code majority}, overriding whatever the URI says, because an acknowledged event must survive
 * the loss of the primary and a tracking processor must never see an event that is later rolled
 * back.
 */
public final class StoreConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreConnection.class);

    private final MongoClient client;
    private final AutoCloseable server;
    private final MVStore mvStore;
    private final DurabilityBarrier barrier;
    private final ScheduledExecutorService committer;
    private final String description;
    private final ReentrantLock closeLock = new ReentrantLock();
    private volatile boolean closed;
    private int servedPort = -1;

    private StoreConnection(MongoClient client, AutoCloseable server, MVStore mvStore, DurabilityBarrier barrier,
            ScheduledExecutorService committer, String description) {
        this.client = client;
        this.server = server;
        this.mvStore = mvStore;
        this.barrier = barrier;
        this.committer = committer;
        this.description = description;
    }

    /**
     * How the embedded store is opened.
     *
     * @param fsync          also force the file to the disk on every commit: survives power loss,
     *                       not only a killed JVM, at the price of one fsync per (group) commit
     * @param cacheSizeMb    page cache of the MVStore in MB
     * @param fullIndexCheck compare every unique index with the documents entry by entry at open,
     *                       not only by count (slower on a large store; a count mismatch always
     *                       leads to the full comparison)
     * @param commandEvents  record every store command as an {@code io.bulwark.StoreCommand} flight
     *                       event; off by default, as it costs every reply a decoding
     */
    public record EmbeddedOptions(boolean fsync, int cacheSizeMb, boolean fullIndexCheck, boolean commandEvents) {

        /** As before command events could be chosen: off. */
        public EmbeddedOptions(boolean fsync, int cacheSizeMb, boolean fullIndexCheck) {
            this(fsync, cacheSizeMb, fullIndexCheck, false);
        }

        /** Defaults: fsync on, 64 MB cache, counts checked at open, no command events. */
        public static EmbeddedOptions defaults() {
            return new EmbeddedOptions(true, 64, false, false);
        }

        public EmbeddedOptions withFsync(boolean on) {
            return new EmbeddedOptions(on, cacheSizeMb, fullIndexCheck, commandEvents);
        }

        public EmbeddedOptions withCommandEvents(boolean on) {
            return new EmbeddedOptions(fsync, cacheSizeMb, fullIndexCheck, on);
        }
    }

    /**
     * Starts an embedded server on {@code file} (parent directories are created) and connects to it.
     *
     * @param file  the MVStore file, e.g. {@code ./data/store/bulwark.mv}
     * @param fsync also force the file to the disk on every commit: survives power loss, not only a
     *              killed JVM, at the price of one fsync per commit
     */
    public static StoreConnection embedded(Path file, boolean fsync) {
        return embedded(file, EmbeddedOptions.defaults().withFsync(fsync));
    }

    /**
     * As {@link #embedded(Path, boolean)}, with the store's page cache size.
     *
     * @param cacheSizeMb page cache of the MVStore in MB
     */
    public static StoreConnection embedded(Path file, boolean fsync, int cacheSizeMb) {
        return embedded(file, new EmbeddedOptions(fsync, cacheSizeMb, false));
    }

    /**
     * A TCP port on which the embedded store is also served, to the nodes of a cluster on one machine
     * ({@code store.server.StoreServer}): clients authenticate with SCRAM-SHA-256 as {@code user}, and
     * every write is committed (fsynced if the options say so) before it is acknowledged.
     *
     * @param address where to listen, meant for loopback; port 0 picks a free one ({@link #servedPort()})
     */
    public record ServedPort(java.net.InetSocketAddress address, String user, char[] password) {
    }

    /** Starts an embedded server on {@code file} with the given options and connects to it. */
    public static StoreConnection embedded(Path file, EmbeddedOptions options) {
        return embedded(file, options, null);
    }

    /**
     * As {@link #embedded(Path, EmbeddedOptions)}, and also serves the store on {@code served}
     * (null: the Unix socket only).
     */
    public static StoreConnection embedded(Path file, EmbeddedOptions options, ServedPort served) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        createPrivateDirectory(directory);
        // MVStore's background commits are off (autoCommitDisabled stops the thread, a zero buffer
        // stops the commits a writing thread would otherwise start when unsaved memory grows): every
        // commit goes through the write gate.
        MVStore mvStore = new MVStore.Builder().fileName(absolute.toString()).cacheSize(options.cacheSizeMb())
                .autoCommitDisabled().autoCommitBufferSize(0).open();
        UnixSocketServer server;
        UnixSocketServer tcp = null;
        TypedH2Backend backend;
        MvStoreBarrier barrier;
        ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bulwark-store-commit");
            thread.setDaemon(true);
            return thread;
        });
        try {
            backend = new TypedH2Backend(mvStore);
            List<String> repaired = backend.verifyIndexes(options.fullIndexCheck());
            if (!repaired.isEmpty()) {
                backend.writeGate().commit(mvStore::commit);
            }
            server = UnixSocketServer.start(backend, directory.resolve("store.sock"));
            barrier = new MvStoreBarrier(mvStore, backend.writeGate(), options.fsync(), committer);
            if (served != null) {
                tcp = UnixSocketServer.startTcp(backend, served.address(),
                        io.bulwark.store.internal.ScramGuard.Credential.of(served.user(), served.password()),
                        barrier::commit);
            }
        } catch (RuntimeException e) {
            committer.shutdownNow();
            mvStore.close();
            throw e;
        }
        MongoClient client = MongoClients.create(commandListener(MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.hosts(List.of(new UnixServerAddress(server.socket().toString())))
                        .mode(ClusterConnectionMode.SINGLE))
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS)), options.commandEvents())
                .build());
        // What MVStore's background thread did, but at consistent points: writes that nobody forced
        // (projections, tokens) reach the file within about a second.
        committer.scheduleWithFixedDelay(() -> {
            try {
                if (!mvStore.isClosed() && mvStore.hasUnsavedChanges()) {
                    barrier.commit();
                }
            } catch (RuntimeException e) {
                log.warn("Periodic commit of the embedded store failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        log.info("Embedded store on {} (file {}, fsync {})", server.socket(), absolute, options.fsync());
        AutoCloseable servers = server;
        int servedPort = -1;
        if (tcp != null) {
            UnixSocketServer unix = server;
            UnixSocketServer port = tcp;
            servedPort = tcp.port();
            log.info("Embedded store also served on TCP {}:{} to user {}", served.address().getHostString(),
                    servedPort, served.user());
            servers = () -> {
                port.close();
                unix.close();
            };
        }
        StoreConnection connection = new StoreConnection(client, servers, mvStore, barrier, committer,
                "embedded " + absolute);
        connection.servedPort = servedPort;
        return connection;
    }

    /**
     * Opens an embedded store file that no process is serving, compares every unique index with
     * the documents entry by entry, and closes it without writing: the indexes that are not
     * consistent, empty when every stored document is found by each of its unique keys. For checks
     * after a crash (the fault tests), before a start would repair what it finds.
     */
    public static List<String> inconsistentIndexes(Path file) {
        MVStore mvStore = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).readOnly().open();
        try {
            return new TypedH2Backend(mvStore).inconsistentIndexes();
        } finally {
            mvStore.closeImmediately();
        }
    }

    /** Creates the store's directory (and missing parents) readable by this user only. */
    private static void createPrivateDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("The embedded store needs a POSIX file system for its private directory "
                    + directory, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store directory " + directory, e);
        }
    }

    /** Connects to a real MongoDB (ideally a replica set) with majority write and read concern. */
    public static StoreConnection remote(String uri) {
        return remote(uri, false);
    }

    /** As {@link #remote(String)}; {@code commandEvents} as in {@link EmbeddedOptions}. */
    public static StoreConnection remote(String uri, boolean commandEvents) {
        ConnectionString connectionString = new ConnectionString(uri);
        MongoClient client = MongoClients.create(commandListener(MongoClientSettings.builder()
                .applyConnectionString(connectionString)
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .readPreference(ReadPreference.primary())
                .retryWrites(true), commandEvents)
                .build());
        log.info("Store on MongoDB {}", connectionString.getHosts());
        return new StoreConnection(client, null, null, DurabilityBarrier.alreadyDurable(), null,
                "mongodb " + connectionString.getHosts());
    }

    /**
     * Adds the listener behind the {@code io.bulwark.StoreCommand} flight events (the profile's
     * store commands by collection and filter shape) when asked to. Off by default: with any command
     * listener registered the driver copies and decodes every reply document and builds a document
     * of every command for it, recording or not, about 1 MB of garbage and 1 % of the appliance's
     * CPU per message in the mail-path profile (issue 19, seventh session). {@code bench/profile.sh}
     * turns it on ({@code bulwark.store.command-events}).
     */
    private static MongoClientSettings.Builder commandListener(MongoClientSettings.Builder settings, boolean on) {
        return on ? settings.addCommandListener(StoreFlightEvents.commandListener()) : settings;
    }

    /** The client; owned by this connection, do not close it yourself. */
    public MongoClient client() {
        return client;
    }

    /** Forces acknowledged writes to disk (embedded) or does nothing (real MongoDB). */
    public DurabilityBarrier durabilityBarrier() {
        return barrier;
    }

    /** The TCP port the embedded store is served on ({@link ServedPort}), or -1. */
    public int servedPort() {
        return servedPort;
    }

    public boolean isEmbedded() {
        return server != null;
    }

    @Override
    public void close() {
        closeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            client.close();
            if (server != null) {
                committer.shutdownNow();
                try {
                    server.close();
                } catch (Exception e) {
                    log.warn("Closing the embedded store's socket failed", e);
                }
                if (!mvStore.isClosed()) {
                    // on this thread: the committer is already shut down
                    ((MvStoreBarrier) barrier).commitOnThisThread();
                    mvStore.close();
                }
            }
            log.info("Store connection closed ({})", description);
        } finally {
            closeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "StoreConnection[" + description + "]";
    }

    /**
     * Commits the MVStore with group commit, at a point between server commands (the write gate). Each caller takes a ticket after its writes were
     * acknowledged; a commit covers every ticket taken before it started. A caller that finds its
     * ticket already covered by a commit that ran while it waited for the lock returns at once, so
     * N concurrent callers cost about two MVStore commits, not N.
     */
    private static final class MvStoreBarrier implements DurabilityBarrier {
        private final MVStore mvStore;
        private final WriteGate gate;
        private final boolean fsync;
        private final java.util.concurrent.Executor platform;
        private final java.util.concurrent.atomic.AtomicLong tickets = new java.util.concurrent.atomic.AtomicLong();
        private final ReentrantLock commitLock = new ReentrantLock();
        private long committedUpTo;

        MvStoreBarrier(MVStore mvStore, WriteGate gate, boolean fsync, java.util.concurrent.Executor platform) {
            this.mvStore = mvStore;
            this.gate = gate;
            this.fsync = fsync;
            this.platform = platform;
        }

        /**
         * A virtual caller (an SMTP session storing a Backup copy) hands the commit to the
         * committer's platform thread and waits unmounted: a virtual thread queued for the write
         * gate would hold back every server command behind it, and if the callers waiting for
         * those commands had pinned every carrier (the driver's native socket read), it would
         * never be mounted again to take the gate (the 500-session stall, docs/benchmarks.md).
         */
        @Override
        public void commit() {
            long ticket = tickets.incrementAndGet();
            if (!Thread.currentThread().isVirtual()) {
                commitUpTo(ticket);
                return;
            }
            try {
                java.util.concurrent.CompletableFuture.runAsync(() -> commitUpTo(ticket), platform).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                throw new StoreUnavailableException("The embedded store is closed", e);
            }
        }

        void commitOnThisThread() {
            commitUpTo(tickets.incrementAndGet());
        }

        private void commitUpTo(long ticket) {
            commitLock.lock();
            try {
                if (committedUpTo >= ticket) {
                    return;
                }
                long upTo = tickets.get();
                gate.commit(mvStore::commit);
                // The fsync runs outside the gate: the commit has written its chunk, and commands
                // may go on while the disk catches up.
                if (fsync) {
                    mvStore.sync();
                }
                committedUpTo = upTo;
            } catch (RuntimeException e) {
                throw new StoreUnavailableException("Could not commit the embedded store to disk", e);
            } finally {
                commitLock.unlock();
            }
        }
    }
}
