package io.bulwark.gateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's TLS state: the current {@link SSLContext} built from a {@link TlsMaterialSource},
 * swappable at run time. Each STARTTLS takes the context current at that moment, so after
 * {@link #reload()} or {@link #install} the next handshake presents the new certificate while
 * sessions already encrypted keep theirs: no restart, no dropped connection.
 *
 * <p>Protocols are TLS 1.2 and 1.3 only; the default cipher suites are the forward-secret AEAD
 * ones ({@link #DEFAULT_SUITES}), close to Mozilla's "intermediate" profile. Client certificates,
 * when wanted, are requested but never required and not validated here (the handshake accepts any;
 * the session records what was presented), because an MTA must not refuse mail over an unknown
 * client certificate.
 *
 * <p>If the source's files are watched ({@code reloadCheckInterval > 0}), a daemon thread compares
 * their modification times and sizes and reloads on change. A failed reload keeps the previous
 * certificate and logs the error. Thread-safe.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /** Forward-secret AEAD suites: TLS 1.3's, and ECDHE/DHE with AES-GCM or ChaCha20 for TLS 1.2. */
    public static final List<String> DEFAULT_SUITES = defaultSuites();

    private final TlsMaterialSource source;
    private final String[] protocols;
    private final String[] suites;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    private volatile String watchedStamp;

    private record Loaded(SSLContext context, TlsMaterial material) {
    }

    /**
     * Loads the material once (failing fast on a bad configuration) and starts watching.
     *
     * @param cipherSuites empty for {@link #DEFAULT_SUITES}
     */
    public ServerTls(TlsMaterialSource source, List<String> protocols, List<String> cipherSuites,
            Duration reloadCheckInterval) throws IOException, GeneralSecurityException {
        this.source = source;
        this.protocols = protocols.toArray(String[]::new);
        this.suites = (cipherSuites.isEmpty() ? DEFAULT_SUITES : cipherSuites).toArray(String[]::new);
        this.watchedStamp = stamp();
        install(source.load());
        if (!source.watchedFiles().isEmpty() && !reloadCheckInterval.isZero()) {
            watcher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("bulwark-tls-watch").daemon(true).factory());
            long period = reloadCheckInterval.toMillis();
            watcher.scheduleWithFixedDelay(this::checkFiles, period, period, TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    /** Reads the source again and swaps the certificate in for new handshakes. */
    public void reload() throws IOException, GeneralSecurityException {
        watchedStamp = stamp();
        install(source.load());
    }

    /**
     * Swaps in material that did not come from the source (the hook for certificate-management
     * events). The next handshake presents it.
     */
    public void install(TlsMaterial material) throws GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] password = new char[0];
        keys.setKeyEntry("server", material.key(), password, material.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), new TrustManager[] {new AnyClientCertificate()}, null);
        current.set(new Loaded(context, material));
        log.info("TLS certificate in use: {}", material.describe());
    }

    /** The certificate new handshakes present. */
    public X509Certificate certificate() {
        return current.get().material().leaf();
    }

    /**
     * Layers a server-side TLS socket over an accepted connection (STARTTLS). The caller runs the
     * handshake, so that it controls the timeout and the failure reply.
     */
    public SSLSocket wrap(Socket plain, boolean wantClientCertificate) throws IOException {
        return wrap(plain, wantClientCertificate, false);
    }

    /**
     * As {@link #wrap(Socket, boolean)}; with {@code requireClientCertificate} the handshake fails
     * when the client presents no certificate (any certificate is accepted, as with "want": it is
     * recorded, not used for authorisation).
     */
    public SSLSocket wrap(Socket plain, boolean wantClientCertificate, boolean requireClientCertificate)
            throws IOException {
        SSLContext context = current.get().context();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        ssl.setUseClientMode(false);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(supported(context, suites));
        parameters.setUseCipherSuitesOrder(true);
        if (requireClientCertificate) {
            parameters.setNeedClientAuth(true);
        } else {
            parameters.setWantClientAuth(wantClientCertificate);
        }
        ssl.setSSLParameters(parameters);
        return ssl;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void checkFiles() {
        try {
            String now = stamp();
            if (!Objects.equals(now, watchedStamp)) {
                log.info("TLS files changed; reloading");
                reload();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // Keep serving the previous certificate: a half-written file must not break STARTTLS.
            log.error("TLS reload failed; keeping the previous certificate", e);
        }
    }

    private String stamp() throws IOException {
        StringBuilder stamp = new StringBuilder();
        for (Path file : source.watchedFiles()) {
            if (Files.exists(file)) {
                stamp.append(file).append('@').append(Files.getLastModifiedTime(file).toMillis()).append('/')
                        .append(Files.size(file)).append(';');
            }
        }
        return stamp.toString();
    }

    private static String[] supported(SSLContext context, String[] wanted) {
        List<String> available = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        return Arrays.stream(wanted).filter(available::contains).toArray(String[]::new);
    }

    private static List<String> defaultSuites() {
        try {
            List<String> suites = new ArrayList<>();
            for (String suite : SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()) {
                boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
                boolean tls12 = (suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_"))
                        && (suite.contains("_GCM_") || suite.contains("CHACHA20"));
                if (tls13 || tls12) {
                    suites.add(suite);
                }
            }
            return List.copyOf(suites);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /**
     * Accepts any client certificate: it is recorded, never used to authorise (yet), and a
     * mail server must not fail a handshake over it.
     */
    private static final class AnyClientCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepted: see the class comment
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server context never validates servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
