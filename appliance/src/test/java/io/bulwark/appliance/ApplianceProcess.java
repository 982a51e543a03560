package io.bulwark.appliance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The appliance jar in a child JVM, as an administrator runs it, so a test can kill it with
 * SIGKILL and start it again on the same data directory.
 */
final class ApplianceProcess implements AutoCloseable {
    static final String PASSWORD = "it-secret-password";

    private final Path dataDir;
    private final List<String> args;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private final boolean smtp;
    private final Path log;
    final int smtpPort;
    final int httpPort;
    private Process process;
    /** The account {@link #get} signs in with. */
    private String username = "admin";
    private String password = PASSWORD;
    /** False for an appliance without a known password: HTTPS is up when anonymous health answers. */
    private final boolean configured;

    /**
     * @param extraArgs {@code --name=value} arguments; one that names a property set by default here
     *                  replaces that default (Spring would otherwise join both values into a list)
     */
    ApplianceProcess(Path dataDir, int nextHopPort, List<String> extraArgs) {
        this(dataDir, true, concat(List.of(
                "--bulwark.routing.relay-domains=example.com",
                "--bulwark.routing.relayhost=[127.0.0.1]:" + nextHopPort,
                "--bulwark.admin.initial-password=" + PASSWORD).stream()
                .filter(d -> extraArgs.stream().noneMatch(a -> name(a).equals(name(d)))).toList(), extraArgs));
    }

    private ApplianceProcess(Path dataDir, boolean configured, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.configured = configured;
        this.smtpPort = SmtpSink.freePort();
        this.httpPort = SmtpSink.freePort();
        this.log = dataDir.resolve("appliance.log");
        args = new ArrayList<>(List.of(
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--bulwark.smtp.port=" + smtpPort,
                "--bulwark.smtp.bind-address=127.0.0.1",
                "--bulwark.data-dir=" + dataDir,
                "--bulwark.node-id=it-node",
                "--bulwark.delivery.retry-initial=200ms",
                "--bulwark.delivery.retry-max=1s",
                // sender authentication runs under the Default rule: its questions stay on loopback
                "--bulwark.dns.servers=" + EmptyZone.SERVER.address()));
        java.util.Set<String> replaced = new java.util.HashSet<>();
        extraArgs.forEach(a -> replaced.add(name(a)));
        args.removeIf(a -> replaced.contains(name(a)));
        args.addAll(extraArgs);
        smtp = !extraArgs.contains("--bulwark.smtp.enabled=false");
    }

    private static String name(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    /** An environment variable of the child process (e.g. a secret that must not be on its command line). */
    ApplianceProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * An appliance as a new administrator finds it: no routing properties, no configured password
     * (the first one is generated into the data directory).
     */
    static ApplianceProcess unconfigured(Path dataDir) {
        return new ApplianceProcess(dataDir, false, List.of());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The account later calls of {@link #get} and {@link #call} sign in with. */
    void signInAs(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** One loopback DNS server without records for every appliance the test JVM starts. */
    private static final class EmptyZone {
        static final io.bulwark.scan.dns.testing.LoopbackDnsServer SERVER;

        static {
            try {
                SERVER = new io.bulwark.scan.dns.testing.LoopbackDnsServer();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The java launcher of the JVM running the tests, to start other JVMs with. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The appliance's JVM options (a java argument file), the file {@code ./bulwark run} passes too. */
    static Path jvmOptions() {
        Path file = Path.of("jvm.options");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the appliance's JVM options file is missing: " + file.toAbsolutePath());
        }
        return file;
    }

    static Path jar() {
        Path jar = Path.of("target", "bulwark.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run the integration tests through Maven (verify): " + jar.toAbsolutePath()
                    + " is built by the package phase");
        }
        return jar;
    }

    void start() throws IOException {
        launch();
        awaitReady();
    }

    /** Starts the JVM without waiting for it, so that several nodes can start side by side. */
    void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaCommand(), "-Xmx512m", "@" + jvmOptions().toAbsolutePath(), "-jar",
                jar().toAbsolutePath().toString()));
        cmd.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Waits for the SMTP greeting (unless SMTP is off: an admin node) and the REST API. */
    void awaitReady() {
        if (smtp) {
            awaitSmtp();
        }
        awaitHttps();
    }

    private void awaitSmtp() {
        // generous: several JVMs may start side by side on a loaded two-core machine (ClusterIT)
        Awaitility.await("appliance SMTP greeting on " + smtpPort)
                .atMost(Duration.ofSeconds(360))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast("appliance exited", () -> !process.isAlive())
                .until(() -> {
                    try (SmtpClient c = new SmtpClient(smtpPort)) {
                        return c.greeting.startsWith("220");
                    }
                });
    }

    private void awaitHttps() {
        Awaitility.await("appliance HTTPS on " + httpPort)
                .atMost(Duration.ofSeconds(smtp ? 60 : 360))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast("appliance exited", () -> !process.isAlive())
                .until(() -> configured ? get("/api/v1/events?after=0&limit=1").statusCode() == 200
                        : call("GET", "/actuator/health/liveness", null, null, null).statusCode() == 200);
    }

    /** SIGKILL: no shutdown hooks, no flushing, exactly what a power cut does to the process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return call("GET", path, username, password, null);
    }

    /**
     * One HTTPS request; {@code user} null for an anonymous one, {@code json} null for no body.
     */
    HttpResponse<String> call(String method, String path, String user, String secret, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ConsoleHttps.base(httpPort) + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        try (HttpClient client = ConsoleHttps.client(dataDir)) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A request with a JSON body (or none: then marked as coming from a script, the CSRF defence). */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ConsoleHttps.base(httpPort) + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        request.header(json == null ? "X-Requested-With" : "Content-Type", json == null ? "ApplianceProcess" : "application/json");
        try (HttpClient client = ConsoleHttps.client(dataDir)) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
