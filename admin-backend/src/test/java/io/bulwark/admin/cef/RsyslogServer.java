package io.bulwark.admin.cef;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's rsyslogd as a syslog target for the interop tests: started by the test in the foreground
 * ({@code -n}) with its own configuration, work directory and pid file, on ports the kernel picks
 * (port 0 with {@code listenPortFileName}), never as the system service. One TCP input (octet
 * counting is on by default in imtcp), one TLS input (gtls driver, anonymous client, the server
 * certificate given) and one UDP input (imudp, RFC 5426: one message per datagram, on 127.0.0.1),
 * each writing to its own file one line per message: {@code facility severity app-name msgid msg}.
 * {@link #stop()} and {@link #start()} again reuse the ports learned at the first start. imudp does
 * not write a port file, so its port is read from the kernel's socket table (Linux {@code /proc}).
 */
final class RsyslogServer implements AutoCloseable {
    static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final Path certFile;
    private final Path keyFile;
    private Process process;
    private int tcpPort;
    private int tlsPort;
    private int udpPort;

    RsyslogServer(Path dir, Path certFile, Path keyFile) {
        this.dir = dir;
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    static boolean available() {
        return Files.isExecutable(RSYSLOGD);
    }

    int tcpPort() {
        return tcpPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    int udpPort() {
        return udpPort;
    }

    Path udpLog() {
        return dir.resolve("udp.log");
    }

    Path tcpLog() {
        return dir.resolve("tcp.log");
    }

    Path tlsLog() {
        return dir.resolve("tls.log");
    }

    synchronized void start() throws IOException {
        Path tcpPortFile = dir.resolve("tcp.port");
        Path tlsPortFile = dir.resolve("tls.port");
        Files.deleteIfExists(tcpPortFile);
        Files.deleteIfExists(tlsPortFile);
        String config = String.join("\n",
                "global(workDirectory=\"" + dir + "\" defaultNetstreamDriverCertFile=\"" + certFile + "\""
                        + " defaultNetstreamDriverKeyFile=\"" + keyFile + "\""
                        + " defaultNetstreamDriverCAFile=\"" + certFile + "\")",
                "module(load=\"imtcp\")",
                "module(load=\"imudp\")",
                "template(name=\"line\" type=\"string\" string=\"%syslogfacility-text% %syslogseverity% %app-name%"
                        + " %msgid% %msg%\\n\")",
                "input(type=\"imtcp\" port=\"" + tcpPort + "\"" + portFile(tcpPortFile) + " ruleset=\"tcp\")",
                "input(type=\"imtcp\" port=\"" + tlsPort + "\"" + portFile(tlsPortFile) + " ruleset=\"tls\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\""
                        + " streamDriver.authMode=\"anon\")",
                "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" + udpPort + "\" ruleset=\"udp\")",
                "ruleset(name=\"udp\") { action(type=\"omfile\" file=\"" + udpLog() + "\" template=\"line\") }",
                "ruleset(name=\"tcp\") { action(type=\"omfile\" file=\"" + tcpLog() + "\" template=\"line\") }",
                "ruleset(name=\"tls\") { action(type=\"omfile\" file=\"" + tlsLog() + "\" template=\"line\") }",
                "");
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, config);
        process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", conf.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.out")));
            }
            // rsyslogd writes the port files only for port 0; on a restart the ports are known
            return tcpPort == 0 ? nonEmpty(tcpPortFile) && nonEmpty(tlsPortFile) && !udpPorts(process.pid()).isEmpty()
                    : listening(tcpPort) && listening(tlsPort) && udpPorts(process.pid()).contains(udpPort);
        });
        if (tcpPort == 0) {
            tcpPort = Integer.parseInt(Files.readString(tcpPortFile).strip());
            tlsPort = Integer.parseInt(Files.readString(tlsPortFile).strip());
            udpPort = udpPorts(process.pid()).getFirst();
        }
    }

    /**
     * The local ports of the process's IPv4 UDP sockets: its socket inodes ({@code /proc/PID/fd})
     * looked up in {@code /proc/PID/net/udp} (columns: local address as hex {@code IP:PORT}, ...,
     * inode tenth).
     */
    private static List<Integer> udpPorts(long pid) throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        List<Integer> ports = new ArrayList<>();
        List<String> table = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "udp"));
        for (String row : table.subList(Math.min(1, table.size()), table.size())) {
            String[] f = row.strip().split("\\s+");
            if (f.length > 9 && inodes.contains(f[9])) {
                ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
            }
        }
        return ports;
    }

    private static boolean listening(int port) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String portFile(Path file) {
        return tcpPort == 0 ? " listenPortFileName=\"" + file + "\"" : "";
    }

    private static boolean nonEmpty(Path file) throws IOException {
        return Files.exists(file) && !Files.readString(file).isBlank();
    }

    /** SIGTERM, as a service manager stops it; waits until the process is gone. */
    synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
            process = null;
        }
    }

    /** The lines of a log, empty when it does not exist yet. */
    static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : new ArrayList<>();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
