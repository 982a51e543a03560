package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster on one machine (issue 19, docs/cluster.md): one process serves the store (the
 * embedded store on a loopback port with SCRAM-SHA-256, standing in for a MongoDB replica set), two
 * gateway nodes and one admin node run the appliance jar as separate JVMs and reach the store only
 * through the MongoDB driver. The master key reaches every node the way docs/cluster.md says, as
 * {@code BULWARK_MASTER_KEY}, with {@code bulwark.master-key-create=false}; so does the store URI
 * with its password ({@code SPRING_DATA_MONGODB_URI}), which is kept off the command lines.
 *
 * <p>What "a SIGKILLed gateway loses nothing" means here: a gateway's spool is on its own disk
 * (docs/architecture.md), so the messages it answered 250 are delivered when that node comes back on
 * the same disk; no other node can deliver them meanwhile, and the test does not pretend otherwise.
 * While it is down, the other gateway keeps accepting and delivering, and the admin node's queue
 * view still lists the dead node's waiting messages (from the store), so an administrator sees what
 * is stuck where.
 */
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void twoGatewaysAndAnAdminNodeShareOneStore() throws Throwable {
        try {
            runCluster();
        } catch (Throwable failure) {
            // the nodes' logs live in the temporary directory, which is removed after the test
            try (var logs = Files.walk(dir)) {
                for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                    List<String> lines = Files.readAllLines(log);
                    System.out.println("==== " + dir.relativize(log) + " (last 60 lines)");
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
                }
            }
            throw failure;
        }
    }

    private void runCluster() throws Exception {
        String masterKey = randomBase64(32);
        String storePassword = randomBase64(18);
        try (StoreProcess store = StoreProcess.start(dir.resolve("store"), storePassword);
                SmtpSink sinkB = SmtpSink.start()) {
            String uri = "mongodb://bulwark:" + java.net.URLEncoder.encode(storePassword, java.nio.charset.StandardCharsets.UTF_8)
                    + "@127.0.0.1:" + store.port + "/?authMechanism=SCRAM-SHA-256";
            int nextHopA = SmtpSink.freePort();
            SmtpSink sinkA = SmtpSink.startOn(nextHopA);
            try (ApplianceProcess admin = node("admin-1", sinkB.port(), uri, masterKey, List.of("--bulwark.smtp.enabled=false"));
                    ApplianceProcess gatewayA = node("gateway-a", nextHopA, uri, masterKey, List.of());
                    ApplianceProcess gatewayB = node("gateway-b", sinkB.port(), uri, masterKey, List.of())) {
                admin.start();   // first: creates the administrator account and records the master key's check value
                gatewayA.launch();
                gatewayB.launch();
                gatewayA.awaitReady();
                gatewayB.awaitReady();

                // 1. Mail through both gateways; tracking on the admin node shows both nodes.
                ExecutorService sessions = Executors.newFixedThreadPool(8);
                try {
                    Future<Batch> viaA = sessions.submit(() -> sendConcurrently(gatewayA, "flow-a", 4, 25));
                    Future<Batch> viaB = sessions.submit(() -> sendConcurrently(gatewayB, "flow-b", 4, 25));
                    Batch a = viaA.get();
                    Batch b = viaB.get();
                    awaitDelivered(sinkA, a.ids());
                    awaitDelivered(sinkB, b.ids());
                    // machine-dependent: printed for docs/cluster.md, never asserted
                    System.out.printf("ClusterIT: accepted per gateway node: gateway-a %.1f msg/s, gateway-b %.1f msg/s"
                            + " (4 sessions each, both at once, %d messages each)%n", a.rate(), b.rate(), a.ids().size());
                } finally {
                    sessions.shutdownNow();
                }
                Awaitility.await("tracking on the admin node shows mail from both gateways")
                        .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            JsonNode rows = JSON.readTree(ok(admin.get("/api/v1/messages?status=DELIVERED&limit=1000")));
                            Set<String> nodes = new HashSet<>();
                            rows.forEach(r -> nodes.add(r.path("nodeId").asText()));
                            assertThat(nodes).contains("gateway-a", "gateway-b");
                            assertThat(rows.size()).isGreaterThanOrEqualTo(200);
                        });

                // 2. A rule change made on the admin node reaches both gateways.
                assertThat(probe(gatewayA)).as("before the change").startsWith("250");
                assertThat(probe(gatewayB)).as("before the change").startsWith("250");
                ok(admin.send("POST", "/api/v1/lists/deny/entries", "{\"type\":\"ADDRESS\",\"value\":\"*@blocked.test\"}"));
                for (ApplianceProcess gateway : List.of(gatewayA, gatewayB)) {
                    Awaitility.await("the deny list entry reaches " + gateway.smtpPort)
                            .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                            .until(() -> probe(gateway).startsWith("5"));
                }

                // 3. Both next hops down: mail waits in each gateway's spool, and the queue view on the
                //    admin node lists it under each node.
                sinkA.close();
                sinkB.close();
                List<String> waitingA = sendSequentially(gatewayA, "wait-a", 10);
                List<String> waitingB = sendSequentially(gatewayB, "wait-b", 10);
                Awaitility.await("the queue view shows both nodes' waiting mail")
                        .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            assertThat(queuedIds(admin, "gateway-a")).containsAll(waitingA);
                            assertThat(queuedIds(admin, "gateway-b")).containsAll(waitingB);
                        });

                // 4. Gateway A killed with SIGKILL: the queue view still shows its waiting mail. Then the
                //    admin node is killed too (5.): B keeps accepting and delivering with neither of them.
                //    (Both restart side by side afterwards: one JVM start less on a slow machine.)
                gatewayA.kill();
                assertThat(queuedIds(admin, "gateway-a")).containsAll(waitingA);
                admin.kill();
                List<String> moreB = sendSequentially(gatewayB, "during-kill-b", 10);
                try (SmtpSink sinkB2 = SmtpSink.startOn(sinkB.port());
                        SmtpSink sinkA2 = SmtpSink.startOn(nextHopA)) {
                    List<String> allB = new ArrayList<>(waitingB);
                    allB.addAll(moreB);
                    awaitDelivered(sinkB2, allB);

                    // A back on its disk delivers everything it answered 250; the admin node back up
                    // tracks what happened while it was down.
                    gatewayA.launch();
                    admin.launch();
                    gatewayA.awaitReady();
                    admin.awaitReady();
                    awaitDelivered(sinkA2, waitingA);
                    List<String> afterA = sendSequentially(gatewayA, "after-restart-a", 5);
                    awaitDelivered(sinkA2, afterA);
                    Awaitility.await("the restarted admin node tracks the mail of while it was down")
                            .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                            .untilAsserted(() -> {
                                Set<String> tracked = new HashSet<>();
                                JSON.readTree(ok(admin.get("/api/v1/messages?status=DELIVERED&limit=1000")))
                                        .forEach(r -> tracked.add(bare(r.path("messageId").asText())));
                                assertThat(tracked).containsAll(moreB).containsAll(waitingA).containsAll(afterA);
                            });
                }
            } finally {
                sinkA.close();
            }
        }
    }

    private ApplianceProcess node(String nodeId, int nextHop, String storeUri, String masterKey, List<String> extra)
            throws IOException {
        Path data = Files.createDirectories(dir.resolve(nodeId));
        List<String> args = new ArrayList<>(List.of("--bulwark.node-id=" + nodeId, "--bulwark.master-key-create=false",
                // a short look-out for events from other nodes: the test waits for them
                "--bulwark.store.fetch-delay=200ms"));
        args.addAll(extra);
        return new ApplianceProcess(data, nextHop, args)
                .withEnvironment("SPRING_DATA_MONGODB_URI", storeUri)
                .withEnvironment("BULWARK_MASTER_KEY", masterKey);
    }

    /** Messages sent by some sessions at once; the accepted rate over the whole batch. */
    private record Batch(List<String> ids, double rate) {
    }

    private static Batch sendConcurrently(ApplianceProcess gateway, String prefix, int sessions, int perSession)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(sessions)) {
            long start = System.nanoTime();
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                String sessionPrefix = prefix + "-" + s;
                parts.add(pool.submit(() -> sendSequentially(gateway, sessionPrefix, perSession)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> part : parts) {
                ids.addAll(part.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Batch(ids, ids.size() / seconds);
        }
    }

    /** One session; every message must be answered 250. */
    private static List<String> sendSequentially(ApplianceProcess gateway, String prefix, int count) throws IOException {
        List<String> ids = new ArrayList<>();
        try (SmtpClient client = new SmtpClient(gateway.smtpPort)) {
            client.command("EHLO client.test");
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i + "@client.test";
                String rcpt = "bob" + i + "@example.com";
                String reply = client.send("alice@sender.test", List.of(rcpt),
                        SmtpClient.message("alice@sender.test", rcpt, id, "cluster " + prefix + " " + i));
                assertThat(reply).as(id).startsWith("250");
                ids.add(id);
            }
        }
        return ids;
    }

    /** A message from a sender the rule change denies; the gateway's reply. */
    private static String probe(ApplianceProcess gateway) throws IOException {
        try (SmtpClient client = new SmtpClient(gateway.smtpPort)) {
            client.command("EHLO client.test");
            return client.send("probe@blocked.test", List.of("bob@example.com"),
                    SmtpClient.message("probe@blocked.test", "bob@example.com", "probe-" + System.nanoTime() + "@blocked.test",
                            "probe"));
        }
    }

    private static void awaitDelivered(SmtpSink sink, List<String> ids) {
        Awaitility.await(ids.size() + " messages at the next hop").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> delivered(sink).containsAll(ids));
    }

    private static Set<String> delivered(SmtpSink sink) {
        return sink.received().stream().map(r -> r.header("Message-ID")).filter(id -> id != null)
                .map(ClusterIT::bare).collect(Collectors.toSet());
    }

    private static Set<String> queuedIds(ApplianceProcess admin, String node) throws Exception {
        Set<String> ids = new HashSet<>();
        JSON.readTree(ok(admin.get("/api/v1/queue?node=" + node + "&limit=1000")))
                .forEach(r -> {
                    assertThat(r.path("nodeId").asText()).isEqualTo(node);
                    ids.add(bare(r.path("messageId").asText()));
                });
        return ids;
    }

    private static String bare(String messageId) {
        return messageId.replaceAll("[<>]", "");
    }

    private static String ok(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** The store server from the appliance jar (store.server.StoreServer) in a JVM of its own. */
    private static final class StoreProcess implements AutoCloseable {
        private final Process process;
        final int port;

        private StoreProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static StoreProcess start(Path dir, String password) throws IOException {
            Files.createDirectories(dir);
            Path portFile = dir.resolve("store.port");
            Path log = dir.resolve("store-server.log");
            String java = ApplianceProcess.javaCommand();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp",
                    ApplianceProcess.jar().toAbsolutePath().toString(),
                    "-Dloader.main=io.bulwark.store.server.StoreServer",
                    "org.springframework.boot.loader.launch.PropertiesLauncher",
                    "--file=" + dir.resolve("bulwark.mv"), "--bind=127.0.0.1", "--port=0", "--user=bulwark",
                    "--port-file=" + portFile,
                    // The store process is never killed here, so a flush to disk per write would test
                    // nothing; on a shared two-core machine it made the nodes' projections wait
                    // seconds per batch. Each write is still committed before it is acknowledged.
                    "--fsync=false")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("BULWARK_STORE_PASSWORD", password);
            Process process = builder.start();
            Awaitility.await("the store server's port").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("store server exited: " + Files.readString(log));
                        }
                        return Files.exists(portFile);
                    });
            return new StoreProcess(process, Integer.parseInt(Files.readString(portFile).strip()));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
