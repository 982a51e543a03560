package io.bulwark.gateway.antivirus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where signature containers come from, in ClamAV's layout: each database is a file under one
 * place ({@code main.cvd}, {@code daily.cvd}, {@code bytecode.cvd}), as on ClamAV's own mirrors
 * and on a private mirror kept with {@code cvdupdate}.
 *
 * <p>Implementations are thread-safe.
 */
public interface DatabaseMirror {

    /** The mirror in events and logs: its URL. */
    String describe();

    /**
     * The first 512 bytes of a file (a container's header, enough to know its version), without
     * fetching the rest where the mirror allows it.
     *
     * @return empty when the mirror does not have the file
     * @throws IOException when the mirror cannot be asked (unreachable, refused, an error status)
     */
    Optional<byte[]> header(String file) throws IOException;

    /**
     * Copies a file to {@code target} (replacing it).
     *
     * @param maxBytes a larger file is refused and nothing is kept
     * @throws IOException when the mirror fails or the file is missing or too large
     */
    void download(String file, Path target, long maxBytes) throws IOException;

    /**
     * The mirror at {@code url}: {@code https://host/path/} ({@link HttpsDatabaseMirror}) or a
     * directory {@code file:/path/} ({@link DirectoryDatabaseMirror}).
     *
     * @param tls     the trust for HTTPS (the JVM's default trust store in production; a test's own)
     * @param timeout connecting and waiting for an answer
     */
    static DatabaseMirror of(String url, SSLContext tls, Duration timeout) {
        if (url.startsWith("file:")) {
            return new DirectoryDatabaseMirror(Path.of(URI.create(url)));
        }
        if (url.startsWith("https://")) {
            return new HttpsDatabaseMirror(URI.create(url.endsWith("/") ? url : url + "/"), tls, timeout);
        }
        throw new IllegalArgumentException("a mirror is https://... or file:/..., not " + url);
    }
}
