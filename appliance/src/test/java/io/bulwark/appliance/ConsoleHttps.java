package io.bulwark.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS clients for the appliance's console port: they trust exactly the self-signed certificate
 * the appliance generated at first start in its data directory (as an operator would import it),
 * and check the host name, so the tests use {@code https://localhost:<port>}.
 */
final class ConsoleHttps {

    private ConsoleHttps() {
    }

    /** Base URL of the console and API. */
    static String base(int port) {
        return "https://localhost:" + port;
    }

    /** A client trusting the certificate in {@code dataDir/console-tls/console.crt}. */
    static HttpClient client(Path dataDir) {
        try (InputStream in = Files.newInputStream(dataDir.resolve("console-tls").resolve("console.crt"))) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
