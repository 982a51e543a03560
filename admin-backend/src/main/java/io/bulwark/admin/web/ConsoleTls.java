package io.bulwark.admin.web;

import io.bulwark.admin.AdminProperties;
import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.events.tls.TlsKeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.server.Session;
import org.springframework.core.Ordered;

/**
 * Puts the console and the API on HTTPS, on the port they already use ({@code server.port},
 * 8080): the port then speaks TLS only, and a plain-HTTP request to it is refused by the container
 * (Tomcat answers 400), never served. Session cookies become {@code Secure}, {@code HttpOnly},
 * {@code SameSite=Strict}; Spring Security adds HSTS (RFC 6797) to every response over HTTPS.
 *
 * <p>The certificate is, in this order: the operator's own {@code server.ssl.*} (left alone); the
 * PEM files {@code bulwark.admin.tls.certificate} and {@code bulwark.admin.tls.private-key};
 * the managed certificate the administrators activated (certificate management, presented without
 * a restart by {@link ConsoleCertificateActivation} through {@link #present}); otherwise a
 * self-signed EC P-256 certificate generated at first start into
 * {@code ${bulwark.data-dir}/console-tls/} and reused afterwards, so a browser's exception stays
 * valid. {@code bulwark.admin.tls.enabled=false} keeps plain HTTP (behind a TLS-terminating proxy
 * only). {@code bulwark.admin.bind-address} limits the listening address.
 *
 * <p>Runs once, on the main thread, when Spring Boot builds the embedded web server; not at all in
 * tests without a server (MockMvc). Ordered after Boot's own customizer so that its values win.
 */
public class ConsoleTls implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

    /** Name of the SSL bundle the web server uses. */
    public static final String BUNDLE = "bulwark-console";
    /** Validity of the generated certificate. */
    static final int SELF_SIGNED_DAYS = 825;
    private static final Logger log = LoggerFactory.getLogger(ConsoleTls.class);

    private final AdminProperties properties;
    private final Path dataDir;
    private final SslBundleRegistry registry;
    private final SslBundles bundles;
    private final ServerProperties server;
    /** Whether the bundle is ours to replace with a managed certificate (no operator certificate). */
    private volatile boolean managedAllowed;

    public ConsoleTls(AdminProperties properties, Path dataDir, SslBundleRegistry registry, SslBundles bundles,
            ServerProperties server) {
        this.properties = properties;
        this.dataDir = dataDir;
        this.registry = registry;
        this.bundles = bundles;
        this.server = server;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        if (properties.bindAddress() != null && !properties.bindAddress().isBlank()) {
            try {
                factory.setAddress(InetAddress.getByName(properties.bindAddress().strip()));
            } catch (IOException e) {
                throw new IllegalStateException("bulwark.admin.bind-address is not an address: "
                        + properties.bindAddress(), e);
            }
        }
        if (server.getSsl() != null && Ssl.isEnabled(server.getSsl())) {
            log.info("console HTTPS configured by server.ssl.*");
            secureCookies(factory);
            return;
        }
        if (!properties.tls().enabled()) {
            log.warn("console and API on plain HTTP (bulwark.admin.tls.enabled=false): "
                    + "only behind a TLS-terminating proxy on a trusted network");
            return;
        }
        PemSslStoreDetails keyStore = keyMaterial();
        managedAllowed = properties.tls().certificate() == null;
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(keyStore, null));
        registry.registerBundle(BUNDLE, bundle);
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setBundle(BUNDLE);
        factory.setSsl(ssl);
        factory.setSslBundles(bundles);
        secureCookies(factory);
    }

    /**
     * Presents {@code chainPem} (leaf first) with {@code key} on the console port from the next
     * handshake on, when no operator certificate is configured; Tomcat reloads the bundle in place.
     *
     * @return whether it is presented now (false: an operator certificate or plain HTTP is in use)
     */
    public boolean present(String chainPem, java.security.PrivateKey key) {
        if (!managedAllowed) {
            return false;
        }
        registry.updateBundle(BUNDLE, SslBundle.of(new PemSslStoreBundle(
                PemSslStoreDetails.forCertificate(chainPem).withPrivateKey(pkcs8Pem(key.getEncoded())), null)));
        return true;
    }

    private void secureCookies(ConfigurableServletWebServerFactory factory) {
        Session session = server.getServlet().getSession();
        Cookie cookie = session.getCookie();
        if (cookie.getSecure() == null) {
            cookie.setSecure(true);
        }
        if (cookie.getHttpOnly() == null) {
            cookie.setHttpOnly(true);
        }
        if (cookie.getSameSite() == null) {
            cookie.setSameSite(Cookie.SameSite.STRICT);
        }
        factory.setSession(session);
    }

    private PemSslStoreDetails keyMaterial() {
        AdminProperties.Tls tls = properties.tls();
        if (tls.certificate() != null || tls.privateKey() != null) {
            if (tls.certificate() == null || tls.privateKey() == null) {
                throw new IllegalStateException(
                        "bulwark.admin.tls.certificate and bulwark.admin.tls.private-key go together");
            }
            log.info("console HTTPS with the certificate {}", tls.certificate());
            return PemSslStoreDetails.forCertificate(read(Path.of(tls.certificate())))
                    .withPrivateKey(read(Path.of(tls.privateKey())));
        }
        Path certificate = selfSignedCertificate(dataDir);
        Path dir = certificate.getParent();
        Path key = dir.resolve("console.key");
        if (!Files.exists(certificate) || !Files.exists(key)) {
            generate(dir, certificate, key);
        }
        log.info("console HTTPS with the self-signed certificate {} (replace it: docs/security.md)", certificate);
        return PemSslStoreDetails.forCertificate(read(certificate)).withPrivateKey(read(key));
    }

    /**
     * Where the self-signed certificate generated at first start lies in a node's data directory:
     * the file an operator imports, and that scripts and tests talking to the node trust.
     */
    public static Path selfSignedCertificate(Path dataDir) {
        return dataDir.resolve("console-tls").resolve("console.crt");
    }

    /** A self-signed certificate for this host's names, written key first (owner-only) then renamed into place. */
    static void generate(Path dir, Path certificatePath, Path keyPath) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = CertificateTools.generateKeyPair(TlsKeyType.EC_P256);
            List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
            String host = hostName();
            if (host != null && !names.contains(host)) {
                names.add(0, host);
            }
            var certificate = CertificateTools.selfSigned(keys, names.getFirst(), names, SELF_SIGNED_DAYS,
                    Instant.now());
            Path keyTemp = Files.createTempFile(dir, "console", ".key.tmp");
            try {
                Files.setPosixFilePermissions(keyTemp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection applies.
            }
            Files.writeString(keyTemp, pkcs8Pem(keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.move(keyTemp, keyPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path certTemp = Files.createTempFile(dir, "console", ".crt.tmp");
            Files.writeString(certTemp, CertificateTools.pem(certificate), StandardCharsets.US_ASCII);
            Files.move(certTemp, certificatePath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.warn("generated a self-signed console certificate {} (SHA-256 {}); browsers will warn until it is "
                    + "replaced or trusted", certificatePath, CertificateTools.details(List.of(certificate))
                    .sha256Fingerprint());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the console certificate to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the console certificate", e);
        }
    }

    /** PKCS#8 (RFC 5958) in PEM (RFC 7468 section 10), the form every TLS stack reads. */
    private static String pkcs8Pem(byte[] der) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return CertificateTools.checkedNames(List.of(name)).getFirst();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
