package io.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sets the appliance's Default rule so that every message of the corpus reaches the sink, as the
 * peers are set up ({@code ../shared/bench/peers}: rspamd's {@code reject = 1000}, "every message
 * must reach the sink"): each status whose action refuses or drops the message (Reject, Delete
 * message) gets Skip instead, with its subject tag, headers and Backup flag kept, and sender
 * authentication's DMARC failures follow the rule instead of the domain's {@code p=reject}. Every
 * module stays on and still judges every message; only the outcome changes. Without this the
 * side-by-side counted about a third fewer delivered messages for Bulwark than for the peers, while
 * charging Bulwark for judging all of them (docs/benchmarks.md, thirteenth session).
 *
 * <p>Through the product's own REST API, as an administrator would: {@code GET} and {@code PUT}
 * {@code /api/v1/rules/Default} over HTTPS, trusting only the certificate the appliance generated in
 * its data directory.
 *
 * <pre>SameOutcomeRules --port 8080 --data-dir DIR --user admin --password SECRET</pre>
 */
public final class SameOutcomeRules {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Actions after which the message does not reach the sink. */
    private static final Set<String> STOPPING = Set.of("REJECT", "DELETE_MESSAGE");

    private SameOutcomeRules() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = Cli.parse(args);
        String base = "https://localhost:" + cli.require("port") + "/api/v1/rules/Default";
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (cli.get("user", "admin") + ":" + cli.require("password")).getBytes(StandardCharsets.UTF_8));
        try (HttpClient client = client(Path.of(cli.require("data-dir")))) {
            HttpResponse<String> got = getWhenUp(client, HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", auth).timeout(Duration.ofSeconds(30)).GET().build());
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

    /** The console may answer some seconds after SMTP does: up to two minutes of retries. */
    private static HttpResponse<String> getWhenUp(HttpClient client, HttpRequest request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                    return response;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(250);
        }
    }

    /**
     * Changes a rule definition (the {@code definition} part of the API's rule) in place: every
     * Reject or Delete message becomes Skip, and {@code dmarc-action} becomes {@code rule}.
     *
     * @return how many settings changed
     */
    static int deliverEverything(ObjectNode definition) {
        int changed = 0;
        JsonNode modules = definition.path("modules");
        for (Iterator<Map.Entry<String, JsonNode>> m = modules.fields(); m.hasNext();) {
            Map.Entry<String, JsonNode> module = m.next();
            for (JsonNode reaction : (Iterable<JsonNode>) () -> module.getValue().path("actions").elements()) {
                if (reaction instanceof ObjectNode settings && STOPPING.contains(settings.path("action").asText())) {
                    settings.put("action", "SKIP");
                    changed++;
                }
            }
            if ("SENDER_AUTHENTICATION".equals(module.getKey()) && module.getValue() instanceof ObjectNode section) {
                ObjectNode options = section.has("options") && section.get("options").isObject()
                        ? (ObjectNode) section.get("options") : section.putObject("options");
                if (!"rule".equals(options.path("dmarc-action").asText())) {
                    options.put("dmarc-action", "rule");
                    changed++;
                }
            }
        }
        return changed;
    }

    /** A client that trusts exactly {@code dataDir/console-tls/console.crt} and checks the host name. */
    private static HttpClient client(Path dataDir) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(dataDir.resolve("console-tls").resolve("console.crt"))) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).build();
        }
    }
}
