package io.bulwark.admin.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.bulwark.scan.licence.ActivationCodes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both activation services against real inputs: a codes file, and an HTTP server on loopback. */
class ActivationServicesTest {
    private static final String KEY = "-----BEGIN BULWARK LICENCE KEY-----\nFormat: 1\n-----END BULWARK LICENCE KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void theLocalServiceFindsCodesWrittenByTheToolAndSaysWhenItHasNoFile() throws Exception {
        Path codes = dir.resolve("codes.txt");
        String code = ActivationCodes.newCode();
        ActivationCodes.append(codes, code, KEY);
        assertThat(new LocalActivationService(codes).exchange(code.toLowerCase())).isEqualTo(KEY);
        assertThatThrownBy(() -> new LocalActivationService(codes).exchange("ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ"))
                .isInstanceOf(UnknownLicenceKeyException.class);
        assertThatThrownBy(() -> new LocalActivationService(null).exchange(code))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bulwark.licence.activation.codes-file");
    }

    @Test
    void theHttpServicePostsTheCodeAndMapsTheAnswers() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/activate", exchange -> {
            String code = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(exchange.getRequestMethod() + " " + code);
            byte[] body = KEY.getBytes(StandardCharsets.UTF_8);
            int status = code.equals("GOOD") ? 200 : code.equals("BROKEN") ? 500 : 404;
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            HttpActivationService service = new HttpActivationService(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/activate"), "");
            assertThat(service.exchange(" GOOD ")).isEqualTo(KEY);
            assertThatThrownBy(() -> service.exchange("NOPE")).isInstanceOf(UnknownLicenceKeyException.class);
            assertThatThrownBy(() -> service.exchange("BROKEN")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("answered 500");
            assertThat(asked).containsExactly("POST GOOD", "POST NOPE", "POST BROKEN");
        } finally {
            server.stop(0);
        }
        HttpActivationService gone = new HttpActivationService(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort() + "/activate"), null);
        assertThatThrownBy(() -> gone.exchange("GOOD")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be reached");
        assertThatThrownBy(() -> new HttpActivationService(URI.create("http://127.0.0.1/"), "no-port"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
