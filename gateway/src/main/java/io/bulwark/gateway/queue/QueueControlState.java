package io.bulwark.gateway.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What queue control must remember across restarts of this node, on the node's own disk (like the
 * spool it belongs to): which messages are held, and whether receiving and sending are switched on.
 *
 * <p>Layout under {@code <data-dir>/queue-control/}: {@code held/<queueId>} (an empty marker per
 * held message) and {@code traffic.properties} ({@code receiving}, {@code sending}). Kept apart from
 * the spool's metadata files so that the spool format does not change for a feature that only a few
 * messages use. Writes are fsynced and renamed atomically, so a crash leaves the old or the new
 * state. A marker whose message has left the spool is harmless and is removed by
 * {@link #forget}.
 *
 * <p>Thread-safe: each method touches one file; callers serialise changes of one message.
 */
public final class QueueControlState {
    /** Queue ids are file names here: nothing but letters and digits may reach the file system. */
    public static final Pattern QUEUE_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

    private final Path held;
    private final Path traffic;

    /** Opens (and creates) the state under {@code directory}. */
    public QueueControlState(Path directory) throws IOException {
        this.held = directory.resolve("held");
        this.traffic = directory.resolve("traffic.properties");
        Files.createDirectories(held);
    }

    /** Records that the message is held (idempotent, durable on return). */
    public void hold(String queueId) throws IOException {
        Path marker = held.resolve(checked(queueId));
        if (!Files.exists(marker)) {
            try {
                Files.createFile(marker);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return; // held by a concurrent request: the same state
            }
            sync(held);
        }
    }

    /** Records that the message is no longer held (idempotent). */
    public void forget(String queueId) throws IOException {
        if (Files.deleteIfExists(held.resolve(checked(queueId)))) {
            sync(held);
        }
    }

    /** Whether an administrator's hold of the message is recorded. */
    public boolean holds(String queueId) {
        return Files.exists(held.resolve(checked(queueId)));
    }

    /** The held messages. */
    public List<String> held() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(held)) {
            for (Path marker : markers) {
                String name = marker.getFileName().toString();
                if (QUEUE_ID.matcher(name).matches()) {
                    ids.add(name);
                }
            }
        }
        return ids;
    }

    /** The switches: receiving and sending, both on unless switched off and recorded. */
    public Traffic traffic() throws IOException {
        if (!Files.exists(traffic)) {
            return new Traffic(true, true);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(traffic)) {
            properties.load(in);
        }
        return new Traffic(!"false".equals(properties.getProperty("receiving")),
                !"false".equals(properties.getProperty("sending")));
    }

    /** Records the switches durably. */
    public void traffic(Traffic state) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("receiving", Boolean.toString(state.receiving()));
        properties.setProperty("sending", Boolean.toString(state.sending()));
        Path tmp = traffic.resolveSibling(traffic.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            properties.store(out, "Bulwark queue control: switched by administrators, kept across restarts");
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, traffic, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("queue control needs a file system with atomic rename: " + traffic, e);
        }
        sync(traffic.getParent());
    }

    /**
     * The two switches of a node.
     *
     * @param receiving SMTP sessions accepted
     * @param sending   delivery attempts started
     */
    public record Traffic(boolean receiving, boolean sending) {
    }

    private static String checked(String queueId) {
        if (queueId == null || !QUEUE_ID.matcher(queueId).matches()) {
            throw new IllegalArgumentException("not a queue id: " + queueId);
        }
        return queueId;
    }

    private static void sync(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (UnsupportedOperationException | IOException e) {
            // Windows cannot open a directory; NTFS journals the rename itself (as in the spool).
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
