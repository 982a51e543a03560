package io.bulwark.gateway.antivirus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A mirror over HTTPS, in ClamAV's layout: {@code GET <base>/daily.cvd}. A header is asked for with
 * {@code Range: bytes=0-511} (ClamAV's mirrors and every common web server honour it; a server
 * that answers with the whole file is read only that far). Redirects are followed (ClamAV's
 * database.clamav.net redirects to its CDN). The JDK's HTTP client; the trust is the given
 * {@link SSLContext} (the JVM's default trust store in production), and only HTTPS URLs are
 * accepted, although containers are signed as well.
 *
 * <p>Thread-safe.
 */
public final class HttpsDatabaseMirror implements DatabaseMirror {
    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param base    the directory URL, ending in {@code /}
     * @param tls     the TLS trust
     * @param timeout connecting and waiting for the response's headers
     */
    public HttpsDatabaseMirror(URI base, SSLContext tls, Duration timeout) {
        if (!"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("not an https URL: " + base);
        }
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public Optional<byte[]> header(String file) throws IOException {
        HttpResponse<InputStream> response = send(request(file).header("Range", "bytes=0-511").build());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200 && response.statusCode() != 206) {
                throw new IOException(base.resolve(file) + " answered HTTP " + response.statusCode());
            }
            return Optional.of(body.readNBytes(512));
        }
    }

    @Override
    public void download(String file, Path target, long maxBytes) throws IOException {
        HttpResponse<InputStream> response = send(request(file).build());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(base.resolve(file) + " answered HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new IOException(file + " is larger than " + maxBytes + " bytes");
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = body.read(buffer)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new IOException(file + " is larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    private HttpRequest.Builder request(String file) {
        return HttpRequest.newBuilder(base.resolve(file)).timeout(timeout).header("User-Agent", "Bulwark").GET();
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking " + request.uri());
        }
    }
}
