package io.bulwark.scan.antivirus.clamd.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real clamd (Debian's clamav-daemon) started for a test: its own configuration in a temporary
 * directory, a Unix socket and a TCP socket on 127.0.0.1, and a signature database the caller
 * writes (clamd refuses to start without one, and freshclam cannot download here).
 *
 * <p>Use {@link #binary()} to skip a test where clamd is not installed. Not thread-safe; one per
 * test class.
 */
public final class ClamdProcess implements AutoCloseable {
    private static final List<String> CANDIDATES = List.of("/usr/sbin/clamd", "/usr/bin/clamd",
            "/usr/local/sbin/clamd");

    private final Process process;
    private final Path dir;
    private final Path socket;
    private final int tcpPort;

    private ClamdProcess(Process process, Path dir, Path socket, int tcpPort) {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
        this.tcpPort = tcpPort;
    }

    /** The clamd executable, if installed. */
    public static Optional<Path> binary() {
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts clamd with the given database files (name to content) and extra clamd.conf lines, and
     * waits until it answers PING (loading takes a few seconds).
     */
    public static ClamdProcess start(Path dir, Map<String, String> database, String... extraConfig)
            throws IOException, InterruptedException {
        Path clamd = binary().orElseThrow(() -> new IllegalStateException("clamd is not installed"));
        Path db = Files.createDirectories(dir.resolve("db"));
        for (var file : database.entrySet()) {
            Files.writeString(db.resolve(file.getKey()), file.getValue(), StandardCharsets.ISO_8859_1);
        }
        Path socket = dir.resolve("clamd.sock");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // clamd cannot bind port 0 and tell us; a free port it is
        }
        StringBuilder conf = new StringBuilder()
                .append("Foreground yes\n")
                .append("LocalSocket ").append(socket).append('\n')
                .append("TCPSocket ").append(port).append('\n')
                .append("TCPAddr 127.0.0.1\n")
                .append("DatabaseDirectory ").append(db).append('\n')
                .append("LogFile ").append(dir.resolve("clamd.log")).append('\n')
                .append("MaxThreads 4\n");
        for (String line : extraConfig) {
            conf.append(line).append('\n');
        }
        Path config = Files.writeString(dir.resolve("clamd.conf"), conf.toString());
        Process p = new ProcessBuilder(clamd.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.out").toFile()).start();
        ClamdProcess started = new ClamdProcess(p, dir, socket, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!started.answersPing()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("clamd exited: " + Files.readString(dir.resolve("clamd.out")));
            }
            if (System.nanoTime() > deadline) {
                started.close();
                throw new IllegalStateException("clamd did not answer within 90 s");
            }
            p.waitFor(100, TimeUnit.MILLISECONDS); // waits on the process, returns early if it dies
        }
        return started;
    }

    private boolean answersPing() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), tcpPort)) {
            s.setSoTimeout(2000);
            s.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII).equals("PONG\0");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code unix:PATH} of its socket. */
    public String unixAddress() {
        return "unix:" + socket;
    }

    /** {@code tcp:127.0.0.1:PORT}. */
    public String tcpAddress() {
        return "tcp:127.0.0.1:" + tcpPort;
    }

    /** Its working directory (configuration, database, log). */
    public Path dir() {
        return dir;
    }

    /** Stops clamd. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
