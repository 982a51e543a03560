package io.bulwark.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.ConsoleTestApplication;
import java.io.IOException;
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
 * The console and the API on a real server: HTTPS on the one port with the certificate generated at
 * first start, HSTS, {@code Secure} session cookies, no plain HTTP; and the API and console chains
 * behind a real servlet container, where a refused request is
 * dispatched to {@code /error}: MockMvc does not do that dispatch, so only a real server shows
 * whether an API client gets a 401/403 or is sent to the console's login page.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiOverRealServerTest {

    @LocalServerPort
    int port;

    private HttpClient client() throws Exception {
        return HttpsTestClient.trustingGeneratedCertificate();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", HttpsTestClient.basic(user, password));
        }
        return client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsolePortSpeaksHttpsWithHstsAndSecureSessionCookies() throws Exception {
        HttpResponse<String> api = get("/api/v1/events", "admin", "correct-horse-battery");
        HttpResponse<String> console = get("/messages", null, null);

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("https://").endsWith("/login"));
        assertThat(console.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("; Secure").contains("; HttpOnly").contains("SameSite=Strict"));
    }

    @Test
    void plainHttpOnTheConsolePortIsNotServed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:correct-horse-battery".getBytes(StandardCharsets.UTF_8)))
                .build();
        try (HttpClient plain = HttpClient.newHttpClient()) {
            HttpResponse<String> response = plain.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("events");
        } catch (IOException refused) {
            // The container may also just close the connection: equally not served.
        }
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
