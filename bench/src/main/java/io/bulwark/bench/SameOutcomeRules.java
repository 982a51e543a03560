package io.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.admin.web.ConsoleTls;
import io.bulwark.events.rule.Action;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sets the appliance's Default rule so that every message of the corpus reaches the sink, as the
 * peers are set up ({@code ../shared/bench/peers}: rspamd's {@code reject = 1000}, "every message
 * must reach the sink"), while the modules that are on still judge every message (their switches
 * are left as they are):
 * <ul>
 *   <li>each status whose action refuses or drops the message (Reject, Delete message) gets Skip,
 *       with its subject tag, headers and Backup flag kept;</li>
 *   <li>DMARC failures follow the rule instead of the domain's policy ({@code dmarc-action=rule}),
 *       and DMARC_FAIL keeps a Backup copy: under the factory's {@code apply-policy} a
 *       {@code p=quarantine} failure is delivered with one, so the benchmark makes at least the
 *       copies the factory rules make (also for {@code p=reject} and {@code p=none} failures), never
 *       fewer;</li>
 *   <li>a module that cannot judge a message delivers it ({@code temporary-failure=accept}) instead
 *       of answering 451, as rspamd does;</li>
 *   <li>the rule scans ({@code mode=SCAN}).</li>
 * </ul>
 * Without this the side-by-side counted about a third fewer delivered messages for Bulwark than for
 * the peers, while charging Bulwark for judging all of them (docs/benchmarks.md, thirteenth
 * session).
 *
 * <p>Through the product's own REST API, as an administrator would: it waits for
 * {@code /actuator/health/readiness} (the first administrator account exists only once the
 * application is ready), then {@code GET} and {@code PUT} {@code /api/v1/rules/Default} over HTTPS,
 * trusting only the certificate the appliance generated in its data directory. A command-line tool:
 * one run, one thread.
 *
 * <pre>SameOutcomeRules --port 8080 --data-dir DIR --user admin --password SECRET</pre>
 */
public final class SameOutcomeRules {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Actions after which the message does not reach the sink: Reject and everything stricter. */
    private static final Set<String> STOPPING = Arrays.stream(Action.values())
            .filter(a -> a.precedence() >= Action.REJECT.precedence()).map(Action::name)
            .collect(Collectors.toUnmodifiableSet());

    private SameOutcomeRules() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse(args);
        String origin = "https://localhost:" + cli.require("port");
        String base = origin + "/api/v1/rules/Default";
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (cli.get("user", "admin") + ":" + cli.require("password")).getBytes(StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(CertificateTools.trusting(ConsoleTls.selfSignedCertificate(Path.of(cli.require("data-dir")))))
                .build()) {
            awaitReady(client, URI.create(origin + "/actuator/health/readiness"));
            HttpResponse<String> got = client.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", auth).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (got.statusCode() != 200) {
                throw new IllegalStateException("GET " + base + ": HTTP " + got.statusCode() + " " + got.body());
            }
            JsonNode definition = MAPPER.readTree(got.body()).get("definition");
            int changed = deliverEverything((ObjectNode) definition);
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(definition))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("PUT " + base + ": HTTP " + put.statusCode() + " " + put.body());
            }
            System.out.println("Default rule: " + changed + " settings changed so that every message is delivered");
        }
    }

    /**
     * Waits up to two minutes for the anonymous readiness group to answer 200. SMTP answers before
     * the first administrator account is made, and retrying the rules call on 401 instead would
     * count as failed logins (the login throttle).
     */
    private static void awaitReady(HttpClient client, URI readiness) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(10)).GET().build();
        while (true) {
            String last;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(readiness + " not ready after two minutes: " + last);
            }
            Thread.sleep(250);
        }
    }

    /**
     * Changes a rule definition (the {@code definition} part of the API's rule) in place, as the
     * class comment says.
     *
     * @return how many settings changed
     */
    static int deliverEverything(ObjectNode definition) {
        int changed = 0;
        if (!"SCAN".equals(definition.path("mode").asText())) {
            definition.put("mode", "SCAN");
            changed++;
        }
        JsonNode modules = definition.path("modules");
        for (Iterator<Map.Entry<String, JsonNode>> m = modules.fields(); m.hasNext();) {
            Map.Entry<String, JsonNode> module = m.next();
            if (!(module.getValue() instanceof ObjectNode section)) {
                continue;
            }
            for (JsonNode reaction : (Iterable<JsonNode>) () -> section.path("actions").elements()) {
                if (reaction instanceof ObjectNode settings && STOPPING.contains(settings.path("action").asText())) {
                    settings.put("action", "SKIP");
                    changed++;
                }
            }
            changed += option(section, "temporary-failure", "accept");
            if ("SENDER_AUTHENTICATION".equals(module.getKey())) {
                changed += option(section, "dmarc-action", "rule");
                JsonNode dmarc = section.path("actions").path("DMARC_FAIL");
                if (dmarc instanceof ObjectNode settings && !settings.path("backupCopy").asBoolean()) {
                    settings.put("backupCopy", true);
                    changed++;
                }
            }
        }
        return changed;
    }

    /** Sets one option of a module section; 1 if that changed it. */
    private static int option(ObjectNode section, String name, String value) {
        ObjectNode options = section.get("options") instanceof ObjectNode o ? o : section.putObject("options");
        if (value.equals(options.path(name).asText())) {
            return 0;
        }
        options.put(name, value);
        return 1;
    }
}
