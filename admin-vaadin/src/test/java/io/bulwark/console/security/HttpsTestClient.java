package io.bulwark.console.security;

import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.admin.web.ConsoleTls;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** HTTPS clients for the tests that run the console on a real server. */
final class HttpsTestClient {

    private HttpsTestClient() {
    }

    /**
     * A client that trusts exactly the certificate the server generated at first start (so a
     * handshake proves that is what it presents) and never follows redirects.
     */
    static HttpClient trustingGeneratedCertificate() throws Exception {
        return HttpClient.newBuilder()
                .sslContext(CertificateTools.trusting(ConsoleTls.selfSignedCertificate(Path.of("target/test-data"))))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The value of an {@code Authorization} header for Basic credentials. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
