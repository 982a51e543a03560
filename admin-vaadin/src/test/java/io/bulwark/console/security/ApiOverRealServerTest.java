package io.bulwark.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.ConsoleTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API and the console chains behind a real servlet container, where a refused request is
 * dispatched to {@code /error}: MockMvc does not do that dispatch, so only a real server shows
 * whether an API client gets a 401/403 or is sent to the console's login page.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiOverRealServerTest {

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWrongPasswordOnTheApiIsA401WithABasicChallengeAndNoRedirect() throws Exception {
        HttpResponse<String> response = get("/api/v1/events", "admin", "wrong-password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Bulwark\"");
    }

    @Test
    void missingCredentialsOnTheApiAreA401WithNoRedirect() throws Exception {
        HttpResponse<String> response = get("/api/v1/events", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }
}
