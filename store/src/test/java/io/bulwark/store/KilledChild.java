package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * For kill -9 tests: runs a child JVM on the test class path that prints {@code ACK <key> END} for
 * each write it has been told is durable, waits for enough of them, kills it with SIGKILL and
 * returns the keys acknowledged before the kill.
 */
public final class KilledChild {

    private KilledChild() {
    }

    /** Fails if the child dies by itself or acknowledges fewer than {@code atLeast} within a minute. */
    public static Set<String> acknowledgedBeforeKill(Class<?> main, int atLeast, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[4 + args.length];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = main.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    // A line cut by the kill has no END marker and is not an acknowledgement.
                    if (line.startsWith("ACK ") && line.endsWith(" END")) {
                        acknowledged.add(line.substring(4, line.length() - 4));
                    }
                }
            } catch (java.io.IOException ignored) {
                // The stream ends with the process.
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= atLeast || !child.isAlive());
            assertThat(child.isAlive()).as("child still writing").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(atLeast);
        return Set.copyOf(acknowledged);
    }
}
