package io.bulwark.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test of the MTA issue: with the next hop accepting slowly, 1,000 messages are sent while
 * the appliance is killed with SIGKILL at ten random moments and restarted each time. Every message
 * answered 250 must reach the next hop. Duplicates are allowed (at-least-once, like every MTA) but
 * counted and reported in target/fault-test.txt; losses fail the test. After a last kill, the store
 * file must hold every event under each of its unique keys.
 *
 * <p>The pauses here are the fault schedule itself (random moments to kill at, a slow next hop, a
 * client backing off while the appliance restarts), not waits for a result: results are awaited.
 */
class FaultIT {
    private static final int MESSAGES = 1_000;
    private static final int KILLS = 10;

    @TempDir
    Path dataDir;

    @Test
    void noMessageAnswered250IsLostAcrossTenKillNines() throws Exception {
        long seed = Long.getLong("bulwark.fault.seed", System.nanoTime());
        Random random = new Random(seed);
        int nextHopPort = SmtpSink.freePort();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger attempted = new AtomicInteger();
        AtomicInteger refusedOrCut = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();

        try (SmtpSink nextHop = SmtpSink.startSlowOn(nextHopPort, 5);
             ApplianceProcess appliance = new ApplianceProcess(dataDir, nextHopPort, List.of())) {
            appliance.start();
            Thread sender = Thread.ofPlatform().name("fault-sender").start(() -> {
                int i = 0;
                boolean inFlight = false;
                while (i < MESSAGES) {
                    try (SmtpClient client = new SmtpClient(appliance.smtpPort)) {
                        client.command("EHLO fault.test");
                        while (i < MESSAGES) {
                            String id = "fault-" + i + "@client.test";
                            attempted.incrementAndGet();
                            inFlight = true;
                            String reply = client.send("sender@fault.test", List.of("rcpt" + (i % 50) + "@example.com"),
                                    SmtpClient.message("sender@fault.test", "rcpt@example.com", id, "fault " + i));
                            if (reply.startsWith("250")) {
                                accepted.add(id);
                            } else {
                                refusedOrCut.incrementAndGet();
                            }
                            inFlight = false;
                            i++;
                        }
                    } catch (IOException connectionLost) {
                        if (inFlight) {
                            // Cut by a kill before its reply: not acknowledged, so not retried and not
                            // counted as accepted (it may still be delivered: that is allowed).
                            refusedOrCut.incrementAndGet();
                            inFlight = false;
                            i++;
                        }
                        pauseQuietly(100);   // the appliance is down or restarting: back off, reconnect
                    }
                }
                done.set(true);
            });

            List<Integer> killedAfter = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                pauseQuietly(150 + random.nextInt(900));
                killedAfter.add(accepted.size());
                appliance.kill();
                appliance.start();
            }
            sender.join(Duration.ofMinutes(5));
            assertThat(done).as("sender finished").isTrue();

            Awaitility.await("every message answered 250 reaches the next hop")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deliveredCounts(nextHop).keySet().containsAll(accepted));

            Map<String, Integer> delivered = deliveredCounts(nextHop);
            long lost = accepted.stream().filter(id -> !delivered.containsKey(id)).count();
            int duplicates = delivered.values().stream().mapToInt(n -> n - 1).sum();
            String report = "seed=" + seed + "\nmessages attempted=" + attempted + "\nanswered 250=" + accepted.size()
                    + "\nrefused or cut by a kill=" + refusedOrCut + "\nkills=" + KILLS
                    + " (accepted count at each kill: " + killedAfter + ")\ndelivered distinct=" + delivered.size()
                    + "\nduplicates=" + duplicates + "\nlost=" + lost + "\n";
            Files.writeString(Path.of("target", "fault-test.txt"), report);
            System.out.println(report);
            assertThat(lost).isZero();
            assertThat(accepted.size()).as("most messages were accepted").isGreaterThan(MESSAGES / 2);

            // One more kill, then the store file as the kill left it: every stored event is found by
            // each of its unique keys (event id, aggregate sequence), so no event can be appended
            // twice and no aggregate forked after a crash.
            appliance.kill();
            assertThat(StoreConnection.inconsistentIndexes(dataDir.resolve("store/bulwark.mv"))).isEmpty();
        }
    }

    private static Map<String, Integer> deliveredCounts(SmtpSink sink) {
        Map<String, Integer> counts = new HashMap<>();
        for (SmtpSink.Received r : sink.received()) {
            String id = r.header("Message-ID");
            if (id != null) {
                counts.merge(id.replaceAll("[<>]", ""), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static void pauseQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
