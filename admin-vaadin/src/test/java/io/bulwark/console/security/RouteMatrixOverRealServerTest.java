package io.bulwark.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.console.ConsoleTestApplication;
import io.bulwark.console.security.AccessMatrix.Who;
import io.bulwark.events.admin.AdminRole;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every REST mapping called for real, over HTTPS on a running server, by an anonymous client and by
 * a real account of each role: a role the matrix admits gets neither 401 nor 403, a role it refuses
 * gets one of them, and the HEAD and trailing-slash variants of each path never admit a refused
 * role. A real server matters here: MockMvc has no error dispatch and no Vaadin servlet behind the
 * chains, so a path that slips past the API chain would look refused there and be served here.
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteMatrixOverRealServerTest {

    private static final String PASSWORD = "route-matrix-password";
    /**
     * BCrypt at its lowest cost: the server checks the cost written in the hash, and the few hundred
     * Basic-authenticated calls below would otherwise spend most of the test in bcrypt.
     */
    private static final String CHEAP_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);
    private static final Map<Who, String> USERS = new EnumMap<>(Map.of(
            Who.AUDITOR, "matrix-auditor", Who.HELPDESK, "matrix-helpdesk", Who.ADMINISTRATOR, "matrix-admin"));

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private HttpClient client;

    @BeforeEach
    void accountsOfEveryRole() throws Exception {
        client = HttpsTestClient.trustingGeneratedCertificate();
        for (var user : USERS.entrySet()) {
            try {
                commands.sendAndWait(new CreateAdminAccountCommand(user.getValue(), AdminRole.valueOf(
                        user.getKey().name()).name(), CHEAP_HASH, "route-matrix-test"));
            } catch (RuntimeException alreadyThere) {
                // created by an earlier test in the same application context
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Who who : USERS.keySet()) {
                assertThat(call("GET", "/api/v1/rules", who)).as("%s can log in", who).isEqualTo(200);
            }
        });
    }

    @Test
    void everyRestMappingAdmitsExactlyTheRolesOfItsRowIncludingHeadAndTrailingSlash() throws Exception {
        Set<String> mapped = AccessMatrix.restMappings(mappings);
        assertThat(mapped).isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (String key : mapped) {
            Set<Who> allowed = AccessMatrix.API.getOrDefault(key, Set.of());
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "inventory-x");
            for (Who who : Who.values()) {
                int status = call(method, path, who);
                boolean admitted = status != 401 && status != 403;
                if (admitted != allowed.contains(who)) {
                    wrong.add(key + " as " + who + ": " + status);
                }
                if (!allowed.contains(who)) {
                    int slash = call(method, path + "/", who);
                    if (slash < 400) {
                        wrong.add(key + "/ as " + who + ": " + slash);
                    }
                    if (method.equals("GET")) {
                        int head = call("HEAD", path, who);
                        if (head != 401 && head != 403) {
                            wrong.add("HEAD " + path + " as " + who + ": " + head);
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private int call(String method, String path, Who who) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("X-Requested-With", "route-matrix");
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        if (who != Who.ANONYMOUS) {
            request.header("Authorization", HttpsTestClient.basic(USERS.get(who), PASSWORD));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
