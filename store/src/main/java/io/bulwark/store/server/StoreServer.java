package io.bulwark.store.server;

import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded store as a process of its own, on a TCP port with a password: what the nodes of a
 * cluster on one machine share instead of a MongoDB replica set (the cluster test, trying a cluster
 * without MongoDB). Not for production: one process, one file, no replication; a real cluster uses
 * a replica set (docs/cluster.md).
 *
 * <p>Run from the appliance jar:
 * <pre>BULWARK_STORE_PASSWORD=... java -cp bulwark.jar -Dloader.main=io.bulwark.store.server.StoreServer \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --file=store/bulwark.mv --bind=127.0.0.1 --port=27017 --user=bulwark [--port-file=store.port] [--fsync=true]</pre>
 * Nodes connect with {@code spring.data.mongodb.uri=mongodb://bulwark:PASSWORD@127.0.0.1:27017/?authMechanism=SCRAM-SHA-256}.
 * The password comes from the environment ({@code BULWARK_STORE_PASSWORD}) or a file
 * ({@code --password-file}), never from the command line, which every local user can read. With
 * {@code --port=0} a free port is chosen and written to {@code --port-file} once the server listens.
 */
public final class StoreServer {

    private StoreServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        char[] password = password(options);
        Path file = Path.of(options.getOrDefault("file", "./data/store/bulwark.mv"));
        InetSocketAddress address = new InetSocketAddress(options.getOrDefault("bind", "127.0.0.1"),
                Integer.parseInt(options.getOrDefault("port", "27017")));
        StoreConnection.EmbeddedOptions embedded = StoreConnection.EmbeddedOptions.defaults()
                .withFsync(Boolean.parseBoolean(options.getOrDefault("fsync", "true")));
        StoreConnection store = StoreConnection.embedded(file, embedded,
                new StoreConnection.ServedPort(address, options.getOrDefault("user", "bulwark"), password));
        java.util.Arrays.fill(password, '\0');
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
            stopped.countDown();
        }, "bulwark-store-server-stop"));
        if (options.containsKey("port-file")) {
            // written whole, then renamed: a reader never sees half a number
            Path portFile = Path.of(options.get("port-file")).toAbsolutePath();
            Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
            Files.writeString(partial, Integer.toString(store.servedPort()), StandardCharsets.US_ASCII);
            Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("Bulwark store server listening on " + address.getHostString() + ":" + store.servedPort());
        stopped.await();
    }

    private static char[] password(Map<String, String> options) throws IOException {
        String passwordFile = options.get("password-file");
        String password = passwordFile != null
                ? Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip()
                : System.getenv("BULWARK_STORE_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password: set BULWARK_STORE_PASSWORD or --password-file");
        }
        return password.toCharArray();
    }
}
