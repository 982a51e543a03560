package io.bulwark.store.internal;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the embedded MongoDB-wire server on a Unix domain socket that only this user can open.
 *
 * <p>Why not the library's own listener: mongo-java-server listens on TCP only, and any local user
 * can connect to a loopback port. It has no authentication, so that would let them read password
 * hashes and Backup mail or append an account event. A socket file with mode 0600 inside a 0700
 * directory is reachable by this user alone; the kernel checks that on connect. Netty's Unix socket
 * transports need native libraries this project cannot rely on, so connections are served with the
 * JDK's own Unix domain sockets (Java 16+), each through the library's own protocol handlers in an
 * {@link EmbeddedChannel}: the bytes on the socket are exactly what its TCP listener would see.
 *
 * <p>Lifecycle: {@link #start(MongoBackend, Path)} binds and accepts on a daemon thread; each
 * connection has a platform thread (never a virtual one, see {@code accept}) that reads requests, runs them through its channel and writes the
 * replies; {@link #close()} stops accepting, closes every connection (the backend closes their
 * cursors) and removes the socket file. Thread-safe.
 *
 * <p>The same loop also serves a loopback TCP port ({@link #startTcp}), for the store server that
 * stands in for a MongoDB replica set in a cluster on one machine ({@code store.server.StoreServer}):
 * there every connection must first pass SCRAM-SHA-256 ({@link ScramGuard}), and each write is
 * committed before its reply leaves, because nodes on a remote store treat an acknowledged write as
 * durable.
 */
public final class UnixSocketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);
    /** sun_path is 108 bytes on Linux, including the terminating zero. */
    private static final int MAX_SOCKET_PATH = 100;

    private final ServerSocketChannel listener;
    private final Path socket;
    private final Path ownedDirectory;
    private final MongoBackend backend;
    private final ScramGuard.Credential credential;
    private final Runnable commitBeforeReply;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private UnixSocketServer(ServerSocketChannel listener, Path socket, Path ownedDirectory, MongoBackend backend,
            ScramGuard.Credential credential, Runnable commitBeforeReply) {
        this.listener = listener;
        this.socket = socket;
        this.ownedDirectory = ownedDirectory;
        this.backend = backend;
        this.credential = credential;
        this.commitBeforeReply = commitBeforeReply;
    }

    /**
     * Serves {@code backend} on a TCP address (meant for loopback) to clients that authenticate as
     * {@code credential}; {@code commit} runs after each write command, before its reply is sent.
     */
    public static UnixSocketServer startTcp(MongoBackend backend, java.net.InetSocketAddress address,
            ScramGuard.Credential credential, Runnable commit) {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
            listener.bind(address);
            return new UnixSocketServer(listener, null, null, backend, java.util.Objects.requireNonNull(credential),
                    commit).accepting("bulwark-store-accept-tcp");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the store on " + address, e);
        }
    }

    /** The TCP port served by a {@link #startTcp} server. */
    public int port() {
        try {
            return ((java.net.InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Binds {@code preferred} (its directory must be private to this user already), or, when clients
     * could not reach that path (too long, or with capitals), a socket in a new private temporary
     * directory.
     */
    public static UnixSocketServer start(MongoBackend backend, Path preferred) {
        Path socket = preferred.toAbsolutePath();
        Path ownedDirectory = null;
        try {
            if (!usable(socket)) {
                ownedDirectory = Files.createTempDirectory("bulwark-store-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                socket = ownedDirectory.resolve("store.sock");
                if (!usable(socket)) {
                    throw new IllegalStateException("No usable path for the embedded store's socket: " + socket
                            + " (at most " + MAX_SOCKET_PATH + " bytes, lower case); set java.io.tmpdir accordingly");
                }
            }
            // A socket file left by a killed process; the store file's lock (taken before this) shows
            // that no other process serves this store.
            Files.deleteIfExists(socket);
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new UnixSocketServer(listener, socket, ownedDirectory, backend, null, null)
                    .accepting("bulwark-store-accept");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the embedded store on the socket " + socket, e);
        }
    }

    /**
     * Whether clients can reach a socket at this path: short enough for a socket address, and in
     * lower case, because the MongoDB driver lower-cases every server address, Unix socket paths
     * included ({@code ServerAddress}), so a path with capitals would be looked up under another name.
     */
    private static boolean usable(Path socket) {
        String path = socket.toString();
        return path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH
                && path.equals(path.toLowerCase(java.util.Locale.ROOT));
    }

    /** The socket file clients connect to. */
    public Path socket() {
        return socket;
    }

    /** Starts accepting on a daemon thread. */
    private UnixSocketServer accepting(String threadName) {
        Thread acceptor = new Thread(this::accept, threadName);
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel connection = listener.accept();
                connections.add(connection);
                // A platform thread, not a virtual one: the driver's side of the socket
                // (jnr-unixsocket) waits for the reply in a native read, which pins a virtual caller
                // to its carrier. Were this server thread virtual too, callers pinning every carrier
                // would leave it none to run on, and nothing would ever answer them (the 500-session
                // stall, docs/benchmarks.md). The driver's pool bounds the connections.
                Thread.ofPlatform().daemon().name("bulwark-store-conn").start(() -> serve(connection));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Embedded store socket: accept failed", e);
                }
            }
        }
    }

    private void serve(SocketChannel connection) {
        ScramGuard guard = credential == null ? null : new ScramGuard(credential);
        EmbeddedChannel channel = guard == null
                ? new EmbeddedChannel(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                        new MongoWireProtocolHandler(), new MongoDatabaseHandler(backend, channels),
                        new MongoExceptionHandler())
                : new EmbeddedChannel(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                        new MongoWireProtocolHandler(), guard, new MongoDatabaseHandler(backend, channels),
                        new MongoExceptionHandler());
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        try {
            while (channel.isOpen()) {
                in.clear();
                int read = connection.read(in);
                if (read < 0) {
                    break;
                }
                in.flip();
                channel.writeInbound(Unpooled.copiedBuffer(in));
                channel.checkException();
                if (guard != null && guard.takeWrite() && commitBeforeReply != null) {
                    commitBeforeReply.run();
                }
                writeReplies(channel, connection);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.debug("Embedded store connection ended", e);
            }
        } finally {
            channel.finishAndReleaseAll();
            connections.remove(connection);
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void writeReplies(EmbeddedChannel channel, SocketChannel connection) throws IOException {
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ByteBuf reply = (ByteBuf) message;
            try {
                for (ByteBuffer part : reply.nioBuffers()) {
                    while (part.hasRemaining()) {
                        connection.write(part);
                    }
                }
            } finally {
                reply.release();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("Closing the store socket", e);
        }
        for (SocketChannel connection : connections) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (socket == null) {
            return;
        }
        try {
            Files.deleteIfExists(socket);
            if (ownedDirectory != null) {
                Files.deleteIfExists(ownedDirectory);
            }
        } catch (IOException e) {
            log.debug("Removing the store socket", e);
        }
    }
}
