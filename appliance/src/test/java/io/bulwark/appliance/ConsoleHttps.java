package io.bulwark.appliance;

import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.admin.web.ConsoleTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

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
        try {
            return HttpClient.newBuilder()
                    .sslContext(CertificateTools.trusting(ConsoleTls.selfSignedCertificate(dataDir))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
