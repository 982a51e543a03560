package io.bulwark.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.bulwark.store.internal.TypedH2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Embedded: the server binds to 127.0.0.1 on a free port chosen by the OS, so nothing outside
 * the host can reach it and two instances never collide. We open the MVStore ourselves (instead of
 * letting H2Backend do it) to keep the handle for {@link #durabilityBarrier()}.
 *
 * <p>Remote: the client uses write concern {@code majority} with journaling and read concern
 * {@code majority}, overriding whatever the URI says, because an acknowledged event must survive
 * the loss of the primary and a tracking processor must never see an event that is later rolled
 * back.
 */
public final class StoreConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreConnection.class);

    private final MongoClient client;
    private final MongoServer server;
    private final MVStore mvStore;
    private final DurabilityBarrier barrier;
    private final String description;
    private final ReentrantLock closeLock = new ReentrantLock();
    private volatile boolean closed;

    private StoreConnection(MongoClient client, MongoServer server, MVStore mvStore, DurabilityBarrier barrier,
            String description) {
        this.client = client;
        this.server = server;
        this.mvStore = mvStore;
        this.barrier = barrier;
        this.description = description;
    }

    /**
     * Starts an embedded server on {@code file} (parent directories are created) and connects to it.
     *
     * @param file  the MVStore file, e.g. {@code ./data/store/bulwark.mv}
     * @param fsync also force the file to the disk on every commit: survives power loss, not only a
     *              killed JVM, at the price of one fsync per commit (tens of milliseconds on many disks)
     */
    public static StoreConnection embedded(Path file, boolean fsync) {
        return embedded(file, fsync, 64);
    }

    /**
     * As {@link #embedded(Path, boolean)}, with the store's page cache size.
     *
     * @param cacheSizeMb page cache of the MVStore in MB
     */
    public static StoreConnection embedded(Path file, boolean fsync, int cacheSizeMb) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store directory " + absolute.getParent(), e);
        }
        MVStore mvStore = new MVStore.Builder().fileName(absolute.toString()).cacheSize(cacheSizeMb).open();
        MongoServer server;
        InetSocketAddress address;
        try {
            server = new MongoServer(new TypedH2Backend(mvStore));
            server.bind("127.0.0.1", 0);
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            mvStore.close();
            throw e;
        }
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(
                        "mongodb://127.0.0.1:" + address.getPort() + "/?directConnection=true"))
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS))
                .build());
        DurabilityBarrier barrier = new MvStoreBarrier(mvStore, fsync);
        log.info("Embedded store on {} (file {}, fsync {})", address, absolute, fsync);
        return new StoreConnection(client, server, mvStore, barrier, "embedded " + absolute);
    }

    /** Connects to a real MongoDB (ideally a replica set) with majority write and read concern. */
    public static StoreConnection remote(String uri) {
        ConnectionString connectionString = new ConnectionString(uri);
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connectionString)
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .readPreference(ReadPreference.primary())
                .retryWrites(true)
                .build());
        log.info("Store on MongoDB {}", connectionString.getHosts());
        return new StoreConnection(client, null, null, DurabilityBarrier.alreadyDurable(),
                "mongodb " + connectionString.getHosts());
    }

    /** The client; owned by this connection, do not close it yourself. */
    public MongoClient client() {
        return client;
    }

    /** Forces acknowledged writes to disk (embedded) or does nothing (real MongoDB). */
    public DurabilityBarrier durabilityBarrier() {
        return barrier;
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
                server.shutdownNow();
                // H2Backend.close() is called by the server's shutdown; commit and close are both
                // idempotent on the MVStore, and we close it explicitly in case the backend did not.
                if (!mvStore.isClosed()) {
                    mvStore.commit();
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
     * Commits the MVStore with group commit. Each caller takes a ticket after its writes were
     * acknowledged; a commit covers every ticket taken before it started. A caller that finds its
     * ticket already covered by a commit that ran while it waited for the lock returns at once, so
     * N concurrent callers cost about two MVStore commits, not N.
     */
    private static final class MvStoreBarrier implements DurabilityBarrier {
        private final MVStore mvStore;
        private final boolean fsync;
        private final java.util.concurrent.atomic.AtomicLong tickets = new java.util.concurrent.atomic.AtomicLong();
        private final ReentrantLock commitLock = new ReentrantLock();
        private long committedUpTo;

        MvStoreBarrier(MVStore mvStore, boolean fsync) {
            this.mvStore = mvStore;
            this.fsync = fsync;
        }

        @Override
        public void commit() {
            long ticket = tickets.incrementAndGet();
            commitLock.lock();
            try {
                if (committedUpTo >= ticket) {
                    return;
                }
                long upTo = tickets.get();
                mvStore.commit();
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
